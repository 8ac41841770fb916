//! Type lowering: turns schemas into Rust types. Component schemas keep their names; inline schemas are
//! named after where they appear (operation and role, parent and property). Shapes the generator cannot type
//! yet become `serde_json::Value`, which decodes any JSON, with a warning naming the schema.

use std::borrow::Cow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::names::{camel_name, snake_name, variant_name, Scope};
use crate::error::{pointer_push, Warning};
use crate::ir::{
    ExtraProperties, Field, IntegerVariant, TypeDef, TypeKind, TypeRef, UnionVariant, Variant,
};

const COMPONENT_PREFIX: &str = "#/components/schemas/";

/// The discriminator extension naming the variant for a missing or unknown tag (3.2's `defaultMapping`,
/// moved here by normalisation; 3.0 and 3.1 specs may write it by hand).
const DEFAULT_MAPPING: &str = "x-default-mapping";

/// A schema as seen through `ReferenceOr`, whether or not the spec boxed it.
#[derive(Clone, Copy)]
pub enum SchemaView<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl SchemaView<'_> {
    /// Whether lowering this schema can define a named type, which needs a name and docs. A reference or a
    /// plain scalar cannot; naming every field of a large spec in advance took a third of lowering.
    fn may_define_a_type(&self) -> bool {
        let Self::Inline(schema) = self else {
            return false;
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                string.enumeration.iter().any(Option::is_some)
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                integer.enumeration.iter().any(Option::is_some)
            }
            SchemaKind::Type(Type::Number(_) | Type::Boolean(_)) => false,
            _ => true,
        }
    }
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaView<'a> {
    fn from(schema: &'a ReferenceOr<Schema>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaView<'a> {
    fn from(schema: &'a ReferenceOr<Box<Schema>>) -> Self {
        match schema {
            ReferenceOr::Reference { reference } => Self::Ref(reference),
            ReferenceOr::Item(schema) => Self::Inline(schema),
        }
    }
}

/// Lowers schemas into named types, collecting them in the order they are met.
pub struct TypeLowering<'a> {
    spec: &'a OpenAPI,
    /// The same document untyped, where a `$ref` may point anywhere (`#/components/schemas/A/properties/b`).
    raw: &'a serde_json::Value,
    names: Scope,
    /// Component schema key → its Rust name, claimed up front so references resolve in any order.
    components: IndexMap<String, String>,
    pub types: Vec<TypeDef>,
    pub warnings: Vec<Warning>,
    /// Where a schema the spec types could not be typed (its pointer), and why: the report separates these
    /// from the fields the spec itself leaves free-form.
    pub unsupported: Vec<(String, String)>,
    /// Inline string enums already defined, by their values: the same list of values written again elsewhere
    /// (`asc`/`desc` on every listing) reuses the first type instead of defining another.
    inline_enums: std::collections::HashMap<Vec<String>, usize>,
    /// The types of schemas referenced by a pointer into another schema, by the reference, so each gets one.
    pointer_types: std::collections::HashMap<String, TypeRef>,
}

impl<'a> TypeLowering<'a> {
    /// Claims a name for every component schema.
    pub fn new(spec: &'a OpenAPI, raw: &'a serde_json::Value) -> Self {
        let mut names = Scope::with_reserved(crate::crate_names::PRELUDE);
        let components = component_schemas(spec)
            .keys()
            .map(|key| (key.clone(), names.claim(camel_name(key, "Type"))))
            .collect();
        Self {
            spec,
            raw,
            names,
            components,
            types: Vec::new(),
            warnings: Vec::new(),
            unsupported: Vec::new(),
            inline_enums: std::collections::HashMap::new(),
            pointer_types: std::collections::HashMap::new(),
        }
    }

    /// Claims a fresh type name (for types that do not come from a schema, such as options structs).
    pub fn claim_name(&mut self, candidate: &str) -> String {
        self.names.claim(camel_name(candidate, "Type"))
    }

    /// Lowers every component schema into a named type.
    pub fn lower_components(&mut self) {
        for (key, schema) in component_schemas(self.spec) {
            let at = pointer_push("#/components/schemas", key);
            let name = self.components[key].clone();
            match schema {
                ReferenceOr::Item(schema) => self.define_named(schema, name, key, &at),
                ReferenceOr::Reference { reference } => {
                    let target = match self.reference_cycle(key) {
                        Some(cycle) => self.untyped(
                            &at,
                            &format!("the `$ref` chain {cycle} never reaches a schema"),
                        ),
                        None => self.lower_ref(reference, &at),
                    };
                    self.push(name, None, &at, TypeKind::Alias { target });
                }
            }
        }
    }

    /// The Rust type for `schema`; `hint` names any inline type it needs, and `role` documents that type
    /// when the schema has no description of its own. Nullable schemas become `Option`.
    pub fn lower(&mut self, schema: SchemaView<'_>, hint: &str, role: &str, at: &str) -> TypeRef {
        match schema {
            SchemaView::Ref(reference) => {
                let ty = self.lower_ref(reference, at);
                if self.ref_is_nullable(reference) {
                    TypeRef::Option(Box::new(ty))
                } else {
                    ty
                }
            }
            SchemaView::Inline(schema) => {
                let ty = self.lower_inline(schema, hint, role, at);
                if schema.schema_data.nullable && !matches!(ty, TypeRef::Option(_) | TypeRef::Json)
                {
                    TypeRef::Option(Box::new(ty))
                } else {
                    ty
                }
            }
        }
    }

    /// A component schema keeps its own name whatever its shape.
    fn define_named(&mut self, schema: &Schema, name: String, key: &str, at: &str) {
        // Inline schemas inside it are documented by where they are; the type itself only by its own words.
        let role = format!("The `{key}` schema.");
        let docs = schema_docs(schema);
        if let Some(kind) = self.named_kind(schema, &name, at) {
            // An inline enum with the same values, met later, is this type rather than a copy of it.
            if let Some(values) = string_enum_values(&kind) {
                self.inline_enums.insert(values, self.types.len());
            }
            self.push(name, docs, at, kind);
        } else {
            let target = self.lower_inline(schema, &name, &role, at);
            self.push(name, docs, at, TypeKind::Alias { target });
        }
    }

    /// The struct or enum a schema defines, if it defines one.
    fn named_kind(&mut self, schema: &Schema, name: &str, at: &str) -> Option<TypeKind> {
        if nullable_alternative(schema).is_some() {
            return None;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty() => {
                Some(self.struct_kind(
                    &object.properties,
                    &object.required,
                    object.additional_properties.as_ref(),
                    name,
                    at,
                ))
            }
            SchemaKind::Any(any) if !any.properties.is_empty() => Some(self.struct_kind(
                &any.properties,
                &any.required,
                any.additional_properties.as_ref(),
                name,
                at,
            )),
            SchemaKind::AllOf { all_of } if substantive_parts(all_of).count() > 1 => {
                self.merged_struct(all_of, name, at)
            }
            SchemaKind::OneOf {
                one_of: alternatives,
            }
            | SchemaKind::AnyOf {
                any_of: alternatives,
            } => Some(self.union_kind(
                alternatives,
                schema.schema_data.discriminator.as_ref(),
                name,
                at,
            )),
            // `oneOf`/`anyOf` beside keywords that only constrain objects (such as `additionalProperties: false`).
            SchemaKind::Any(any) if is_object_union(any) => {
                let alternatives = if any.one_of.is_empty() {
                    &any.any_of
                } else {
                    &any.one_of
                };
                Some(self.union_kind(
                    alternatives,
                    schema.schema_data.discriminator.as_ref(),
                    name,
                    at,
                ))
            }
            SchemaKind::Type(Type::String(string))
                if string.enumeration.iter().any(Option::is_some) =>
            {
                let values = string.enumeration.iter().flatten().map(String::as_str);
                Some(string_enum(values, true))
            }
            SchemaKind::Type(Type::Integer(integer))
                if integer.enumeration.iter().any(Option::is_some) =>
            {
                let names = enum_varnames(schema);
                Some(integer_enum(
                    integer.enumeration.iter().flatten().copied(),
                    &names,
                ))
            }
            _ => None,
        }
    }

    fn lower_inline(&mut self, schema: &Schema, hint: &str, role: &str, at: &str) -> TypeRef {
        if let Some((index, alternative)) = nullable_alternative(schema) {
            let keyword = match schema.schema_kind {
                SchemaKind::OneOf { .. } => "oneOf",
                _ => "anyOf",
            };
            let at = pointer_push(&pointer_push(at, keyword), &index.to_string());
            let ty = self.lower(alternative.into(), hint, role, &at);
            return match ty {
                TypeRef::Option(_) | TypeRef::Json => ty,
                ty => TypeRef::Option(Box::new(ty)),
            };
        }
        if let Some(kind) = self.named_kind(schema, hint, at) {
            if let TypeKind::Alias { target } = kind {
                return target;
            }
            let values = string_enum_values(&kind);
            if let Some(shared) = values.as_ref().and_then(|v| self.inline_enums.get(v)) {
                return self.share_enum(*shared);
            }
            let name = self.names.claim(camel_name(hint, "Type"));
            let docs = schema_docs(schema).or_else(|| Some(role.to_string()));
            if let Some(values) = values {
                self.inline_enums.insert(values, self.types.len());
            }
            self.push(name.clone(), docs, at, kind);
            return TypeRef::Named(name);
        }
        // A scalar `type` beside `oneOf`/`anyOf`/`not`: every valid value has that type.
        if let SchemaKind::Any(any) = &schema.schema_kind {
            if let Some(scalar) = any
                .typ
                .as_deref()
                .and_then(|t| scalar_type(t, any.format.as_deref()))
            {
                return scalar;
            }
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string))
                if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary) =>
            {
                TypeRef::Bytes
            }
            SchemaKind::Type(Type::String(_)) => TypeRef::String,
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Integer(integer)) => integer_type(match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32"),
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64"),
                VariantOrUnknownOrEmpty::Unknown(format) => Some(format.as_str()),
                VariantOrUnknownOrEmpty::Empty => None,
            }),
            SchemaKind::Type(Type::Number(number)) => match &number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Array(array)) => {
                self.array(array.items.as_ref(), hint, role, at)
            }
            SchemaKind::Type(Type::Object(object)) => {
                self.map(object.additional_properties.as_ref(), hint, role, at)
            }
            SchemaKind::AllOf { all_of } if substantive_parts(all_of).count() <= 1 => {
                self.lower_annotated(all_of, hint, role, at)
            }
            SchemaKind::AllOf { all_of } => match self.all_of_scalar(all_of) {
                Some(scalar) => scalar,
                None => self.untyped(
                    at,
                    "`allOf` parts that are neither all objects nor one scalar type cannot be merged",
                ),
            },
            SchemaKind::Any(any) if any.items.is_some() => {
                self.array(any.items.as_ref(), hint, role, at)
            }
            SchemaKind::Any(any) if any.typ.as_deref() == Some("object") => {
                self.map(any.additional_properties.as_ref(), hint, role, at)
            }
            SchemaKind::Any(any)
                if any.typ.is_none()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.all_of.is_empty() =>
            {
                TypeRef::Json
            }
            SchemaKind::Not { .. } => TypeRef::Json,
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Any(_) => self
                .untyped(
                    at,
                    "this combination of `type`, `allOf`, `oneOf` and `anyOf` has no Rust type yet",
                ),
        }
    }

    /// The enum at `index` in `types`, used again elsewhere: a component schema's keeps its docs; an inline one's
    /// stop naming the one place it was first met.
    fn share_enum(&mut self, index: usize) -> TypeRef {
        let shared = &mut self.types[index];
        let is_component = shared
            .origin
            .starts_with(COMPONENT_PREFIX.trim_end_matches('/'));
        if let (TypeKind::StringEnum { variants, .. }, false) = (&shared.kind, is_component) {
            let values: Vec<String> = variants
                .iter()
                .map(|v| format!("`{}`", v.wire_value))
                .collect();
            shared.docs = Some(format!(
                "One of {}; the spec lists these values in several places, which all use this type.",
                values.join(", ")
            ));
        }
        TypeRef::Named(shared.name.clone())
    }

    /// Records that a schema could not be typed and stands for any JSON.
    fn untyped(&mut self, at: &str, why: &str) -> TypeRef {
        self.unsupported.push((at.to_string(), why.to_string()));
        self.warnings.push(Warning {
            pointer: at.to_string(),
            message: format!("{why}; lowered as serde_json::Value"),
        });
        TypeRef::Json
    }

    /// `allOf` of one schema and parts that only annotate it (`allOf: [{$ref: X}, {description: ...}]`, the
    /// usual way to describe a reference): that schema, whatever its shape, and optional when a part says
    /// `nullable`. With no such schema at all, any JSON.
    fn lower_annotated(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        let Some((index, part)) = parts
            .iter()
            .enumerate()
            .find(|(_, part)| !is_annotation_only(part))
        else {
            return TypeRef::Json;
        };
        let at = pointer_push(&pointer_push(at, "allOf"), &index.to_string());
        let ty = self.lower(part.into(), hint, role, &at);
        let nullable = parts
            .iter()
            .any(|part| matches!(part, ReferenceOr::Item(schema) if schema.schema_data.nullable));
        match ty {
            TypeRef::Option(_) | TypeRef::Json => ty,
            ty if nullable => TypeRef::Option(Box::new(ty)),
            ty => ty,
        }
    }

    /// `allOf` whose parts all have one scalar type (parts without a type only add constraints): that type.
    fn all_of_scalar(&self, parts: &[ReferenceOr<Schema>]) -> Option<TypeRef> {
        let mut found: Option<TypeRef> = None;
        for part in parts {
            let schema = match part {
                ReferenceOr::Item(schema) => Cow::Borrowed(schema),
                ReferenceOr::Reference { reference } => self.resolve(reference)?,
            };
            let ty = match &schema.schema_kind {
                SchemaKind::Type(Type::String(_)) => TypeRef::String,
                SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
                SchemaKind::Type(Type::Integer(_)) => TypeRef::I64,
                SchemaKind::Type(Type::Number(_)) => TypeRef::F64,
                SchemaKind::Any(any) if is_constraint_only(any) => continue,
                _ => return None,
            };
            match &found {
                Some(previous) if *previous != ty => return None,
                _ => found = Some(ty),
            }
        }
        found
    }

    /// `allOf` of object schemas: one struct with every part's properties; `None` if a part is not an object.
    /// One part may be a discriminated union (`oneOf` with a `discriminator`): the struct then holds it as a
    /// flattened field, so the properties every alternative shares are plain fields and the ones that depend
    /// on the tag are the union's (Crisp's message: `fingerprint` and `timestamp` beside a `content` typed by
    /// `type`).
    fn merged_struct(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        name: &str,
        at: &str,
    ) -> Option<TypeKind> {
        let mut collected = AllOfParts::default();
        if !self.collect_all_of(parts, &mut collected, 0) || collected.unions.len() > 1 {
            return None;
        }
        let all_of_at = pointer_push(at, "allOf");
        let mut kind = self.struct_kind(
            &collected.properties,
            &collected.required,
            None,
            name,
            &all_of_at,
        );
        if let (Some(union), TypeKind::Struct { fields, .. }) =
            (collected.unions.first(), &mut kind)
        {
            let hint = format!("{name}Variant");
            let role = format!("What the rest of [`{name}`] is, by its tag.");
            let ty = self.lower(union.into(), &hint, &role, &all_of_at);
            let field_name = flattened_field_name(name, &ty);
            let mut taken = Scope::with_reserved(
                &fields
                    .iter()
                    .map(|f| f.rust_name.as_str())
                    .collect::<Vec<_>>(),
            );
            fields.push(Field {
                wire_name: String::new(),
                rust_name: taken.claim(field_name),
                ty,
                optional: false,
                flatten: true,
                nullable: false,
                null_apart: false,
                docs: None,
            });
        }
        Some(kind)
    }

    fn collect_all_of(
        &self,
        parts: &[ReferenceOr<Schema>],
        collected: &mut AllOfParts,
        depth: usize,
    ) -> bool {
        const MAX_DEPTH: usize = 16;
        parts.iter().all(|part| {
            let schema = match part {
                ReferenceOr::Item(schema) => Cow::Borrowed(schema),
                ReferenceOr::Reference { reference } => match self.resolve(reference) {
                    Some(schema) => schema,
                    None => return false,
                },
            };
            if is_discriminated_union(&schema) {
                collected.unions.push(part.clone());
                return true;
            }
            let (properties, required) = (&mut collected.properties, &mut collected.required);
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    properties.extend(
                        object
                            .properties
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone())),
                    );
                    required.extend(object.required.iter().cloned());
                    true
                }
                SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() => {
                    properties.extend(any.properties.iter().map(|(k, v)| (k.clone(), v.clone())));
                    required.extend(any.required.iter().cloned());
                    depth < MAX_DEPTH && self.collect_all_of(&any.all_of, collected, depth + 1)
                }
                SchemaKind::AllOf { all_of } if depth < MAX_DEPTH => {
                    self.collect_all_of(all_of, collected, depth + 1)
                }
                _ => false,
            }
        })
    }

    /// `oneOf`/`anyOf`: an enum with one variant per alternative, named after the alternative's type; an alias
    /// when every alternative is the same type.
    fn union_kind(
        &mut self,
        alternatives: &[ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        name: &str,
        at: &str,
    ) -> TypeKind {
        // A union that answers carry is open, which adds an `Other` variant (`lower::open_received_unions`).
        let mut variant_names = Scope::with_reserved(&["Other"]);
        let keyword_at = pointer_push(at, "oneOf");
        let default_variant =
            discriminator.and_then(|d| self.default_alternative(d, alternatives, at));
        let variants: Vec<UnionVariant> = alternatives
            .iter()
            .enumerate()
            .map(|(i, alternative)| {
                let hint = match alternative {
                    ReferenceOr::Item(schema) => schema.schema_data.title.as_deref(),
                    ReferenceOr::Reference { .. } => None,
                }
                .map_or_else(
                    || format!("{name}Variant{}", i + 1),
                    |title| format!("{name}{}", camel_name(title, "Variant")),
                );
                let role = format!("One of the shapes of [`{name}`].");
                let ty = self.lower(
                    alternative.into(),
                    &hint,
                    &role,
                    &pointer_push(&keyword_at, &i.to_string()),
                );
                // The default keeps the values the mapping gives it, but none of its own name: it stands for
                // every value no other variant has.
                let tag = discriminator.and_then(|d| {
                    mapped_value(d, alternative).or_else(|| {
                        (default_variant != Some(i))
                            .then(|| implied_value(alternative))
                            .flatten()
                    })
                });
                UnionVariant {
                    rust_name: variant_names.claim(variant_label(&ty)),
                    ty,
                    tag,
                    tag_implied: false,
                    converts: false,
                }
            })
            .collect();
        // Alternatives that differ only in what they allow (`oneOf: [{type: string}, {type: string, pattern:
        // ...}]`) are one Rust type: a union of them could only ever decode into its first variant.
        if discriminator.is_none() {
            if let Some((first, rest)) = variants.split_first() {
                if rest.iter().all(|v| v.ty == first.ty) {
                    return TypeKind::Alias {
                        target: first.ty.clone(),
                    };
                }
            }
        }
        TypeKind::Union {
            variants: without_repeated_suffix(variants, name),
            discriminator: discriminator.map(|d| d.property_name.clone()),
            default_variant,
            // Decided once lowering knows which way the union travels (`lower::open_received_unions`).
            open: false,
        }
    }

    /// The index of the alternative a discriminator's `x-default-mapping` (3.2's `defaultMapping`) names, by its
    /// component name or a `#/components/schemas/` reference. A value that names no alternative, or is no
    /// string, is ignored with a warning: the union decodes as if the spec gave no default.
    fn default_alternative(
        &mut self,
        discriminator: &openapiv3::Discriminator,
        alternatives: &[ReferenceOr<Schema>],
        at: &str,
    ) -> Option<usize> {
        let value = discriminator.extensions.get(DEFAULT_MAPPING)?;
        let key = value.as_str().and_then(|named| {
            if self.components.contains_key(named) {
                Some(named.to_string())
            } else {
                component_key(named)
            }
        });
        let found = key.and_then(|key| {
            alternatives.iter().position(|alternative| {
                matches!(alternative, ReferenceOr::Reference { reference }
                    if component_key(reference).as_deref() == Some(key.as_str()))
            })
        });
        if found.is_none() {
            self.warnings.push(Warning {
                pointer: pointer_push(&pointer_push(at, "discriminator"), DEFAULT_MAPPING),
                message: format!(
                    "`{DEFAULT_MAPPING}` must name one of the union's alternatives (a schema name or a \
                     `#/components/schemas/` reference), not {value}; ignored"
                ),
            });
        }
        found
    }

    fn array(
        &mut self,
        items: Option<&ReferenceOr<Box<Schema>>>,
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        let item = match items {
            Some(items) => self.lower(
                items.into(),
                &format!("{hint}Item"),
                &format!("An item of: {}", lowercase_first(role)),
                &pointer_push(at, "items"),
            ),
            None => TypeRef::Json,
        };
        TypeRef::Vec(Box::new(item))
    }

    fn map(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        TypeRef::Map(Box::new(self.map_value(
            additional,
            &format!("{hint}Value"),
            &format!("A value of: {}", lowercase_first(role)),
            at,
        )))
    }

    /// The type of a map's values: the `additionalProperties` schema, or any JSON.
    fn map_value(
        &mut self,
        additional: Option<&AdditionalProperties>,
        hint: &str,
        role: &str,
        at: &str,
    ) -> TypeRef {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => self.lower(
                (&**schema).into(),
                hint,
                role,
                &pointer_push(at, "additionalProperties"),
            ),
            _ => TypeRef::Json,
        }
    }

    fn struct_kind(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        name: &str,
        at: &str,
    ) -> TypeKind {
        let mut field_names = Scope::default();
        let properties_at = pointer_push(at, "properties");
        let fields = properties
            .iter()
            .map(|(wire_name, schema)| {
                let view = SchemaView::from(schema);
                let (hint, role) = if view.may_define_a_type() {
                    (
                        format!("{name}{}", camel_name(wire_name, "Field")),
                        format!("The `{wire_name}` field of [`{name}`]."),
                    )
                } else {
                    (String::new(), String::new())
                };
                let ty = self.lower(view, &hint, &role, &pointer_push(&properties_at, wire_name));
                let optional = !required.contains(wire_name);
                // `lower` makes a nullable schema an `Option`, before optionality is added.
                let nullable = matches!(ty, TypeRef::Option(_));
                let ty = match ty {
                    TypeRef::Option(_) | TypeRef::Json => ty,
                    ty if optional => TypeRef::Option(Box::new(ty)),
                    ty => ty,
                };
                Field {
                    wire_name: wire_name.clone(),
                    rust_name: field_names.claim(snake_name(wire_name, "field")),
                    ty,
                    optional,
                    flatten: false,
                    nullable,
                    null_apart: false,
                    docs: self.view_docs(view),
                }
            })
            .collect();
        let extra = match additional {
            Some(AdditionalProperties::Any(false)) | None => None,
            Some(additional) => {
                let value = self.map_value(
                    Some(additional),
                    &format!("{name}Extra"),
                    &format!("An undeclared property of [`{name}`]."),
                    at,
                );
                Some(ExtraProperties {
                    rust_name: field_names.claim("additional_properties".into()),
                    value,
                })
            }
        };
        TypeKind::Struct { fields, extra }
    }

    /// The chain of component schemas that are bare `$ref`s leading from `key` back to itself, if any
    /// (`A → B → A`).
    fn reference_cycle(&self, key: &str) -> Option<String> {
        let schemas = component_schemas(self.spec);
        let mut chain = vec![key.to_string()];
        let mut current = key.to_string();
        while let Some(ReferenceOr::Reference { reference }) = schemas.get(&current) {
            current = unescape(reference.strip_prefix(COMPONENT_PREFIX)?);
            let seen = chain.contains(&current);
            chain.push(current.clone());
            if seen {
                return (chain.first() == chain.last()).then(|| chain.join(" → "));
            }
        }
        None
    }

    fn lower_ref(&mut self, reference: &str, at: &str) -> TypeRef {
        if !reference.starts_with('#') {
            return self.untyped(
                at,
                &format!(
                    "`$ref: {reference}` points into another file; references to other files are not supported \
                     (bundle the spec into one file first, for example with `npx @redocly/cli bundle`)"
                ),
            );
        }
        if let Some(name) = component_key(reference).and_then(|key| self.components.get(&key)) {
            return TypeRef::Named(name.clone());
        }
        self.lower_pointer(reference, at)
    }

    /// A reference to a schema that is not a component (`#/components/schemas/Report/definitions/line`,
    /// `#/components/schemas/Transfer/properties/currency`): the schema it points to gets a type named after
    /// where it lives, once however often it is referenced; an enum with the values of one already defined is
    /// that enum.
    fn lower_pointer(&mut self, reference: &str, at: &str) -> TypeRef {
        if let Some(ty) = self.pointer_types.get(reference) {
            return ty.clone();
        }
        let Some(target) = self.pointer_target(reference) else {
            let why = if self.pointer_value(reference).is_some() {
                "points to something that is not a schema"
            } else {
                "points to nothing in the document"
            };
            return self.untyped(at, &format!("`$ref: {reference}` {why}"));
        };
        if let ReferenceOr::Item(schema) = &target {
            let values = string_enum_values_of(schema);
            if let Some(shared) = values.as_ref().and_then(|v| self.inline_enums.get(v)) {
                let ty = self.share_enum(*shared);
                self.pointer_types.insert(reference.to_string(), ty.clone());
                return ty;
            }
        }
        let (hint, key) = pointer_hint(reference);
        let name = self.names.claim(camel_name(&hint, "Type"));
        // Claimed before lowering, so a schema that refers to itself through the same pointer finds its type.
        self.pointer_types
            .insert(reference.to_string(), TypeRef::Named(name.clone()));
        match target {
            ReferenceOr::Item(schema) => self.define_named(&schema, name.clone(), &key, reference),
            ReferenceOr::Reference { reference: next } => {
                let target = self.lower_ref(&next, reference);
                self.push(name.clone(), None, reference, TypeKind::Alias { target });
            }
        }
        TypeRef::Named(name)
    }

    /// The schema (or reference) a local `$ref` points to, read from the untyped document.
    fn pointer_target(&self, reference: &str) -> Option<ReferenceOr<Schema>> {
        serde_json::from_value(self.pointer_value(reference)?.clone()).ok()
    }

    /// What a local `$ref` points to in the untyped document, whatever it is.
    fn pointer_value(&self, reference: &str) -> Option<&'a serde_json::Value> {
        self.raw
            .pointer(&percent_decoded(reference.strip_prefix('#')?))
    }

    /// The schema a reference names: a component schema, or one anywhere else in the document.
    fn resolve(&self, reference: &str) -> Option<Cow<'a, Schema>> {
        if let Some(key) = component_key(reference) {
            return match component_schemas(self.spec).get(&key)? {
                ReferenceOr::Item(schema) => Some(Cow::Borrowed(schema)),
                ReferenceOr::Reference { .. } => None,
            };
        }
        match self.pointer_target(reference)? {
            ReferenceOr::Item(schema) => Some(Cow::Owned(schema)),
            ReferenceOr::Reference { .. } => None,
        }
    }

    fn ref_is_nullable(&self, reference: &str) -> bool {
        self.resolve(reference)
            .is_some_and(|s| s.schema_data.nullable)
    }

    fn view_docs(&self, view: SchemaView<'_>) -> Option<String> {
        match view {
            SchemaView::Inline(schema) => schema_docs(schema),
            SchemaView::Ref(_) => None,
        }
    }

    /// Adds a type lowering made elsewhere (an operation's event data), under a name from [`Self::claim_name`].
    pub fn define(&mut self, name: String, docs: Option<String>, origin: &str, kind: TypeKind) {
        self.push(name, docs, origin, kind);
    }

    fn push(&mut self, name: String, docs: Option<String>, origin: &str, kind: TypeKind) {
        self.types.push(TypeDef {
            name,
            docs,
            origin: origin.to_string(),
            travel: crate::ir::Travel::default(),
            derives: crate::ir::Derives::default(),
            kind,
        });
    }
}

/// The value of the discriminator property the spec gives `alternative`: a referenced alternative's from the
/// mapping, an inline one's the one value its property allows (`type: {const: cat}`).
fn mapped_value(
    discriminator: &openapiv3::Discriminator,
    alternative: &ReferenceOr<Schema>,
) -> Option<String> {
    let reference = match alternative {
        ReferenceOr::Reference { reference } => reference,
        ReferenceOr::Item(schema) => return only_value(schema, &discriminator.property_name),
    };
    discriminator
        .mapping
        .iter()
        .find(|(_, target)| *target == reference)
        .map(|(value, _)| value.clone())
}

/// The value that selects a referenced alternative the mapping does not name: the component's own name.
fn implied_value(alternative: &ReferenceOr<Schema>) -> Option<String> {
    match alternative {
        ReferenceOr::Reference { reference } => {
            reference.strip_prefix(COMPONENT_PREFIX).map(unescape)
        }
        ReferenceOr::Item(_) => None,
    }
}

/// `oneOf`/`anyOf` of one schema and `null` (`anyOf: [{$ref: X}, {type: "null"}]`, the usual way to make a
/// reference nullable): that schema, with its index, for an `Option` of it.
fn nullable_alternative(schema: &Schema) -> Option<(usize, &ReferenceOr<Schema>)> {
    let alternatives = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => one_of,
        SchemaKind::AnyOf { any_of } => any_of,
        _ => return None,
    };
    let is_null = |alternative: &ReferenceOr<Schema>| match alternative {
        ReferenceOr::Item(schema) => {
            schema.schema_data.nullable
                && matches!(&schema.schema_kind, SchemaKind::Any(any) if is_constraint_only(any))
        }
        ReferenceOr::Reference { .. } => false,
    };
    let mut others = alternatives.iter().enumerate().filter(|(_, a)| !is_null(a));
    match (others.next(), others.next()) {
        (Some(single), None) if alternatives.len() > 1 => Some(single),
        _ => None,
    }
}

/// The parts of an `allOf`, gathered across nested `allOf`s and references.
#[derive(Default)]
struct AllOfParts {
    properties: IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: Vec<String>,
    /// Parts that are discriminated unions; a struct can flatten one.
    unions: Vec<ReferenceOr<Schema>>,
}

/// `oneOf` or `anyOf` with a `discriminator` and no properties of its own.
fn is_discriminated_union(schema: &Schema) -> bool {
    schema.schema_data.discriminator.is_some()
        && match &schema.schema_kind {
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
            SchemaKind::Any(any) => is_object_union(any),
            _ => false,
        }
}

/// The field a struct holds its flattened union in: the union's type name in snake case, without the
/// struct's own name, or the last words of it, in front (`Message` holds a `MessageContent` as `content`, and so
/// does a `SessionMessage` built on it).
fn flattened_field_name(struct_name: &str, union: &TypeRef) -> String {
    let type_name = union.named().unwrap_or("variant");
    let word_starts = struct_name
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(at, _)| at);
    let short = std::iter::once(0)
        .chain(word_starts)
        .find_map(|at| {
            type_name
                .strip_prefix(&struct_name[at..])
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        })
        .unwrap_or(type_name);
    snake_name(short, "variant")
}

/// Variants named after their types lose the last word of the union's name where every one of them ends with
/// it (`NewMessage` holds `TextMessage` and `FileMessage` as `Text` and `File`), so a match reads without the
/// repetition; when a shorter name would be empty or taken twice, the names stay whole.
fn without_repeated_suffix(variants: Vec<UnionVariant>, union_name: &str) -> Vec<UnionVariant> {
    let Some(start) = union_name.rfind(|c: char| c.is_ascii_uppercase()) else {
        return variants;
    };
    let suffix = &union_name[start..];
    let shortened: Option<Vec<String>> = variants
        .iter()
        .map(|v| {
            v.rust_name
                .strip_suffix(suffix)
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                .map(str::to_string)
        })
        .collect();
    let Some(shortened) = shortened else {
        return variants;
    };
    let mut unique = std::collections::HashSet::new();
    if !shortened
        .iter()
        .all(|name| unique.insert(name.as_str()) && name != "Other")
    {
        return variants;
    }
    variants
        .into_iter()
        .zip(shortened)
        .map(|(variant, rust_name)| UnionVariant {
            rust_name,
            ..variant
        })
        .collect()
}

/// The one string value `schema`'s property `name` allows, if it allows exactly one (`enum: [cat]`, or
/// `const: cat`, which normalisation made an `enum`, with or without `type: string`).
fn only_value(schema: &Schema, name: &str) -> Option<String> {
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => &object.properties,
        SchemaKind::Any(any) => &any.properties,
        _ => return None,
    };
    let ReferenceOr::Item(property) = properties.get(name)? else {
        return None;
    };
    let values: Vec<&str> = match &property.schema_kind {
        SchemaKind::Type(Type::String(string)) => string
            .enumeration
            .iter()
            .flatten()
            .map(String::as_str)
            .collect(),
        SchemaKind::Any(any) => any
            .enumeration
            .iter()
            .map(|value| value.as_str())
            .collect::<Option<Vec<&str>>>()?,
        _ => return None,
    };
    match values.as_slice() {
        [only] => Some((*only).to_string()),
        _ => None,
    }
}

/// A variant's name: the type it holds.
fn variant_label(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Bool => "Boolean".into(),
        TypeRef::I32 | TypeRef::I64 | TypeRef::U64 => "Integer".into(),
        TypeRef::F32 | TypeRef::F64 => "Number".into(),
        TypeRef::Bytes => "Bytes".into(),
        TypeRef::File => "File".into(),
        TypeRef::Upload => "Upload".into(),
        TypeRef::Json => "Any".into(),
        TypeRef::Vec(item) => format!("{}List", variant_label(item)),
        TypeRef::Map(value) => format!("{}Map", variant_label(value)),
        TypeRef::Option(inner) | TypeRef::Boxed(inner) => variant_label(inner),
    }
}

/// A string enum. `open` enums (decoded from answers) keep unknown values in `Other(String)`, so a server
/// adding a value breaks nothing; closed ones are only chosen by the caller, so they need no catch-all.
pub fn string_enum<'v>(values: impl Iterator<Item = &'v str>, open: bool) -> TypeKind {
    let mut names = Scope::with_reserved(&["Other"]);
    let mut seen = std::collections::HashSet::new();
    let variants = values
        .filter(|value| seen.insert(*value))
        .map(|value| Variant {
            rust_name: names.claim(variant_name(value)),
            wire_value: value.to_string(),
            docs: None,
        })
        .collect();
    TypeKind::StringEnum { variants, open }
}

/// Variant names a spec gives its enum values (`x-enum-varnames`, as other generators read it), in order.
fn enum_varnames(schema: &Schema) -> Vec<String> {
    match schema.schema_data.extensions.get("x-enum-varnames") {
        Some(serde_json::Value::Array(names)) => names
            .iter()
            .map(|name| name.as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// The values of a string enum, which identify it for sharing.
fn string_enum_values(kind: &TypeKind) -> Option<Vec<String>> {
    match kind {
        TypeKind::StringEnum { variants, .. } => {
            Some(variants.iter().map(|v| v.wire_value.clone()).collect())
        }
        _ => None,
    }
}

/// An integer enum; it is always open (`Other(i64)`), like the string enums decoded from answers. Variants are
/// named by `x-enum-varnames` where given, else after their value (`Value1`, `Minus1`).
fn integer_enum(values: impl Iterator<Item = i64>, given_names: &[String]) -> TypeKind {
    let mut names = Scope::with_reserved(&["Other"]);
    let mut seen = std::collections::HashSet::new();
    let variants = values
        .enumerate()
        .filter(|(_, value)| seen.insert(*value))
        .map(|(i, value)| {
            let name = match given_names.get(i).filter(|name| !name.is_empty()) {
                Some(given) => camel_name(given, "Value"),
                None => variant_name(&value.to_string()),
            };
            IntegerVariant {
                rust_name: names.claim(name),
                value,
            }
        })
        .collect();
    TypeKind::IntegerEnum { variants }
}

/// The Rust integer for a `format`: `int32` is `i32`, `uint64` is `u64`, anything else `i64`.
fn integer_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("int32") => TypeRef::I32,
        Some("uint64") => TypeRef::U64,
        _ => TypeRef::I64,
    }
}

/// The Rust type of a scalar JSON Schema `type`, if it names one.
fn scalar_type(typ: &str, format: Option<&str>) -> Option<TypeRef> {
    match typ {
        "string" => Some(TypeRef::String),
        "boolean" => Some(TypeRef::Bool),
        "integer" => Some(integer_type(format)),
        "number" if format == Some("float") => Some(TypeRef::F32),
        "number" => Some(TypeRef::F64),
        _ => None,
    }
}

/// A schema without a type or structure of its own: it only narrows the values another schema allows.
fn is_constraint_only(any: &openapiv3::AnySchema) -> bool {
    any.typ.is_none()
        && any.properties.is_empty()
        && any.items.is_none()
        && any.additional_properties.is_none()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.all_of.is_empty()
}

/// A part of an `allOf` that constrains nothing a Rust type expresses: only annotations (`description`,
/// `title`, `example`, `deprecated`, `readOnly`, `default`, extensions, `nullable`) and value constraints
/// (`maxLength`, `pattern`), with no type, structure, enum or required list of its own.
fn is_annotation_only(part: &ReferenceOr<Schema>) -> bool {
    match part {
        ReferenceOr::Item(Schema {
            schema_kind: SchemaKind::Any(any),
            schema_data,
        }) => {
            is_constraint_only(any)
                && any.required.is_empty()
                && any.enumeration.is_empty()
                && any.not.is_none()
                && schema_data.discriminator.is_none()
        }
        _ => false,
    }
}

/// The parts of an `allOf` that say what its values are (not only how they are annotated).
fn substantive_parts(parts: &[ReferenceOr<Schema>]) -> impl Iterator<Item = &ReferenceOr<Schema>> {
    parts.iter().filter(|part| !is_annotation_only(part))
}

/// `oneOf` or `anyOf` (not both, no `allOf`, no properties) on a schema that is an object or untyped.
fn is_object_union(any: &openapiv3::AnySchema) -> bool {
    matches!(any.typ.as_deref(), None | Some("object"))
        && any.properties.is_empty()
        && any.all_of.is_empty()
        && (any.one_of.is_empty() != any.any_of.is_empty())
}

fn schema_docs(schema: &Schema) -> Option<String> {
    let data = &schema.schema_data;
    match (&data.title, &data.description) {
        (Some(title), Some(description)) => Some(format!("{title}\n\n{description}")),
        (title, description) => description.clone().or_else(|| title.clone()),
    }
}

fn component_schemas(spec: &OpenAPI) -> &IndexMap<String, ReferenceOr<Schema>> {
    static EMPTY: std::sync::OnceLock<IndexMap<String, ReferenceOr<Schema>>> =
        std::sync::OnceLock::new();
    spec.components
        .as_ref()
        .map_or_else(|| EMPTY.get_or_init(IndexMap::new), |c| &c.schemas)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Undoes RFC 6901 escaping of one pointer token.
/// The component key a reference names (`#/components/schemas/Pet` gives `Pet`), if it names one.
fn component_key(reference: &str) -> Option<String> {
    reference
        .strip_prefix(COMPONENT_PREFIX)
        .filter(|key| !key.contains('/'))
        .map(unescape)
}

/// A name for the schema at a reference, from where it lives (`Report/definitions/line` gives `Report line`;
/// the words that only say how schemas nest are left out), and the last token, for its docs.
fn pointer_hint(reference: &str) -> (String, String) {
    const NESTING: &[&str] = &[
        "#",
        "components",
        "schemas",
        "properties",
        "definitions",
        "$defs",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "additionalProperties",
        "content",
        "schema",
    ];
    let tokens: Vec<String> = percent_decoded(reference)
        .split('/')
        .map(unescape)
        .collect();
    let words: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .filter(|token| !NESTING.contains(token) && !token.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let last = tokens.last().cloned().unwrap_or_default();
    (words.join(" "), last)
}

/// A URI fragment with its `%XX` escapes decoded (JSON pointers in `$ref` are URI fragments); an escape that
/// is not one is kept as written.
fn percent_decoded(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let hex = |byte: Option<&u8>| byte.and_then(|b| (*b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| fragment.to_string())
}

/// The values of a string enum schema, when it is one.
fn string_enum_values_of(schema: &Schema) -> Option<Vec<String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string))
            if string.enumeration.iter().any(Option::is_some) =>
        {
            Some(string.enumeration.iter().flatten().cloned().collect())
        }
        _ => None,
    }
}

pub(super) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The types and warnings of a 3.0 document's component schemas.
    fn lowered(schemas: serde_json::Value) -> (Vec<TypeDef>, Vec<Warning>) {
        let raw = json!({
            "openapi": "3.0.3",
            "info": { "title": "Events", "version": "1" },
            "paths": {},
            "components": { "schemas": schemas },
        });
        let spec: OpenAPI = serde_json::from_value(raw.clone()).expect("a valid document");
        let mut lowering = TypeLowering::new(&spec, &raw);
        lowering.lower_components();
        (lowering.types, lowering.warnings)
    }

    /// `Event`, a union of `Created`, `Deleted` and `Unknown` tagged by `type`, with `discriminator`'s other
    /// keys added; and its variants.
    fn event_union(discriminator: serde_json::Value) -> serde_json::Value {
        let object = json!({ "type": "object", "properties": { "type": { "type": "string" } } });
        let mut tagged = json!({ "propertyName": "type" });
        tagged
            .as_object_mut()
            .expect("an object")
            .extend(discriminator.as_object().expect("an object").clone());
        json!({
            "Event": {
                "oneOf": [
                    { "$ref": "#/components/schemas/Created" },
                    { "$ref": "#/components/schemas/Deleted" },
                    { "$ref": "#/components/schemas/Unknown" },
                ],
                "discriminator": tagged,
            },
            "Created": object,
            "Deleted": object,
            "Unknown": object,
        })
    }

    /// The `Event` union's tags and default variant.
    fn tags_and_default(types: &[TypeDef]) -> (Vec<Option<&str>>, Option<usize>) {
        let event = types.iter().find(|t| t.name == "Event").expect("Event");
        let TypeKind::Union {
            variants,
            default_variant,
            ..
        } = &event.kind
        else {
            panic!("a union, not {:?}", event.kind);
        };
        let tags = variants.iter().map(|v| v.tag.as_deref()).collect();
        (tags, *default_variant)
    }

    #[test]
    fn a_default_mapping_picks_the_variant_for_missing_and_unknown_tags_and_implies_no_tag() {
        let mapping = json!({ "created": "#/components/schemas/Created" });
        for named in ["Unknown", "#/components/schemas/Unknown"] {
            let (types, warnings) = lowered(event_union(json!({
                "mapping": mapping,
                "x-default-mapping": named,
            })));
            assert_eq!(warnings, []);
            assert_eq!(
                tags_and_default(&types),
                (vec![Some("created"), Some("Deleted"), None], Some(2)),
                "`{named}` is the default, which has no tag of its own name"
            );
        }
        // Values the mapping gives the default stay its own.
        let (types, _) = lowered(event_union(json!({
            "mapping": { "unknown": "#/components/schemas/Unknown" },
            "x-default-mapping": "Unknown",
        })));
        assert_eq!(
            tags_and_default(&types),
            (
                vec![Some("Created"), Some("Deleted"), Some("unknown")],
                Some(2)
            )
        );
    }

    #[test]
    fn a_default_mapping_that_names_no_alternative_is_warned_about_and_ignored() {
        for value in [
            json!("Missing"),
            json!("#/components/schemas/Missing"),
            json!(7),
        ] {
            let mut schemas = event_union(json!({ "x-default-mapping": value }));
            schemas["Missing"] = json!({ "type": "object" });
            let (types, warnings) = lowered(schemas);
            let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
            assert_eq!(
                pointers,
                ["#/components/schemas/Event/discriminator/x-default-mapping"],
                "{value}"
            );
            assert!(warnings[0].message.contains("ignored"), "{value}");
            assert_eq!(
                tags_and_default(&types),
                (
                    vec![Some("Created"), Some("Deleted"), Some("Unknown")],
                    None
                ),
                "{value}: the union is as without a default"
            );
        }
    }

    #[test]
    fn a_flattened_union_is_named_without_the_struct_or_its_last_words_in_front() {
        let content = TypeRef::Named("MessageContent".into());
        assert_eq!(flattened_field_name("Message", &content), "content");
        assert_eq!(flattened_field_name("SessionMessage", &content), "content");
        assert_eq!(flattened_field_name("Pet", &content), "message_content");
        // A word must end where the union's next word starts: `Mess` is no word of `MessageContent`.
        assert_eq!(flattened_field_name("BigMess", &content), "message_content");
        assert_eq!(flattened_field_name("Message", &TypeRef::String), "variant");
    }
}
