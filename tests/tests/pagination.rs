//! Every shape `x-pagination` declares, streamed from a loopback server by the pets client (its `paging`
//! operations): a page number in the path (required) and in the query (optional, starting where the options
//! say), offset/limit with the list inside a page object, a cursor the answer holds, and the next page's URL
//! in a `Link` header (GitHub's way) or in the body. Each test checks the items, their order, that every
//! page is asked for once with the caller's other parameters kept, and where the stream stops.

use pets_client::types::{
    ListAdoptionsOptions, ListFeedOptions, ListPhotosOptions, ListVisitsOptions,
};
use pets_client::{Client, Error};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("t0ken")
        .base_url(server.uri())
        .build()
        .expect("valid configuration")
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn a_page_number_in_the_path_counts_up_to_an_empty_page() -> Result<(), Error> {
    let server = MockServer::start().await;
    let pages = [
        json!([{ "id": 1, "name": "Rex" }, { "id": 2, "name": "Tom" }]),
        json!([{ "id": 3, "name": "Kit" }]),
        json!([]),
    ];
    for (number, page) in (1..).zip(pages) {
        Mock::given(method("GET"))
            .and(path(format!("/shelters/s%201/pets/page/{number}")))
            .respond_with(ok(page))
            .expect(1)
            .mount(&server)
            .await;
    }
    let pets = client(&server)
        .list_shelter_pets_stream("s 1")
        .all()
        .await?;
    let names: Vec<&str> = pets.iter().map(|pet| pet.name.as_str()).collect();
    assert_eq!(names, ["Rex", "Tom", "Kit"]);
    Ok(())
}

#[tokio::test]
async fn an_optional_page_number_starts_where_the_options_say_and_keeps_the_rest(
) -> Result<(), Error> {
    let server = MockServer::start().await;
    let pages = [
        (2, json!([{ "id": 20 }])),
        (3, json!([{ "id": 30 }])),
        (4, json!([])),
    ];
    for (number, page) in pages {
        Mock::given(method("GET"))
            .and(path("/visits"))
            .and(query_param("page", number.to_string()))
            .and(query_param("per_page", "1"))
            .respond_with(ok(page))
            .expect(1)
            .mount(&server)
            .await;
    }
    let options = ListVisitsOptions {
        page: Some(2),
        per_page: Some(1),
    };
    let visits = client(&server).list_visits_stream(&options).all().await?;
    let ids: Vec<i64> = visits.iter().map(|visit| visit.id).collect();
    assert_eq!(ids, [20, 30]);
    Ok(())
}

#[tokio::test]
async fn an_offset_moves_past_each_page_and_the_list_is_read_inside_the_page_object(
) -> Result<(), Error> {
    let server = MockServer::start().await;
    let pages = [
        (
            0,
            json!({ "results": [{ "name": "Ann" }, { "name": "Bob" }], "total": 3 }),
        ),
        (2, json!({ "results": [{ "name": "Cy" }], "total": 3 })),
        (3, json!({ "results": [], "total": 3 })),
    ];
    for (offset, page) in pages {
        Mock::given(method("GET"))
            .and(path("/adoptions"))
            .and(query_param("offset", offset.to_string()))
            .and(query_param("limit", "2"))
            .respond_with(ok(page))
            .expect(1)
            .mount(&server)
            .await;
    }
    let options = ListAdoptionsOptions {
        offset: None,
        limit: Some(2),
    };
    let owners = client(&server)
        .list_adoptions_stream(&options)
        .all()
        .await?;
    let names: Vec<&str> = owners.iter().map(|owner| owner.name.as_str()).collect();
    assert_eq!(names, ["Ann", "Bob", "Cy"]);
    Ok(())
}

#[tokio::test]
async fn a_cursor_the_answer_holds_is_sent_back_until_it_is_null() -> Result<(), Error> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/feed"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ok(json!({
            "entries": [{ "id": 1 }, { "id": 2 }],
            "meta": { "next_cursor": "c/2" }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/feed"))
        .and(query_param("cursor", "c/2"))
        .respond_with(ok(
            json!({ "entries": [{ "id": 3 }], "meta": { "next_cursor": null } }),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let visits = client(&server)
        .list_feed_stream(&ListFeedOptions::default())
        .all()
        .await?;
    let ids: Vec<i64> = visits.iter().map(|visit| visit.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    Ok(())
}

#[tokio::test]
async fn the_link_header_names_the_next_page_until_it_names_none() -> Result<(), Error> {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/photos"))
        .and(query_param_is_missing("page"))
        .and(query_param("per_page", "2"))
        .respond_with(ok(json!(["a.jpg", "b.jpg"])).insert_header(
            "link",
            format!(
                "<{uri}/photos?per_page=2&page=2>; rel=\"next\", <{uri}/photos?per_page=2&page=9>; rel=\"last\""
            )
            .as_str(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/photos"))
        .and(query_param("page", "2"))
        .and(query_param("per_page", "2"))
        .respond_with(ok(json!(["c.jpg"])).insert_header(
            "link",
            format!("<{uri}/photos?per_page=2&page=1>; rel=\"prev\"").as_str(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let options = ListPhotosOptions { per_page: Some(2) };
    let photos = client(&server).list_photos_stream(&options).all().await?;
    assert_eq!(photos, ["a.jpg", "b.jpg", "c.jpg"]);
    Ok(())
}

#[tokio::test]
async fn a_link_outside_the_base_url_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/photos"))
        .respond_with(ok(json!(["a.jpg"])).insert_header(
            "link",
            format!("<{}/photos?page=2>; rel=\"next\"", elsewhere.uri()).as_str(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok(json!(["stolen.jpg"])))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let client = client(&server);
    let mut photos = client.list_photos_stream(&ListPhotosOptions::default());
    assert_eq!(
        photos.next().await.transpose().expect("page 1"),
        Some("a.jpg".to_string())
    );
    let refused = photos
        .next()
        .await
        .expect("an error item")
        .expect_err("refused");
    assert!(
        refused
            .to_string()
            .contains("not under the client's base URL"),
        "{refused}"
    );
    assert!(photos.next().await.is_none(), "the error ends the stream");
}

#[tokio::test]
async fn a_next_link_in_the_body_is_followed_until_it_is_missing() -> Result<(), Error> {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/notes"))
        .and(query_param_is_missing("after"))
        .respond_with(ok(json!({
            "notes": ["fed", "walked"],
            "links": { "next": format!("{uri}/notes?after=walked") }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/notes"))
        .and(query_param("after", "walked"))
        .respond_with(ok(json!({ "notes": ["slept"], "links": {} })))
        .expect(1)
        .mount(&server)
        .await;
    let notes = client(&server).list_notes_stream().all().await?;
    assert_eq!(notes, ["fed", "walked", "slept"]);
    Ok(())
}
