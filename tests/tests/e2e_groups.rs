//! End to end, one module per resource group of the Crisp REST API v1: `crisp-client` against a real HTTP
//! server on loopback (wiremock). Each group's tests check what goes on the wire (method, path, query, JSON
//! body) and that realistic answers, shaped after the official SDK's interfaces, decode: with nulls, missing
//! optional fields, values the client does not know (an enum value, a message type) and free-form maps.

mod groups;
