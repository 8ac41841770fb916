//! End to end: the client generated from the generator's own OpenAPI 3.1 fixture (`tests/pets-client`) against
//! a real HTTP server on loopback (wiremock). It proves at runtime what the corpus only proves by compiling:
//! query styles, label and matrix path styles, styled headers, multipart bodies, discriminated unions (open
//! to unknown tags, and flattened into a struct), cursor pagination, JSON query parameters, nullable
//! references, several methods on one route (`x-methods`), integer enums, flattened extra properties and typed
//! error bodies.

use futures::TryStreamExt;
use pets_client::types::{
    Animal, FeedPetRequest, GetPetError, GetPetsFilter, GetPetsOptions, ListPetEventsOptions,
    ListPetEventsWhere, Owner, PetEvent, PetEventKind, PetEventWeight, SearchAnimalsNear,
    SearchAnimalsOptions, SearchAnimalsXFilter, SetOwnerRequest, Size, UploadPhotoRequest,
    UploadPhotoRequestMeta, WalkPetRequest,
};
use pets_client::{Client, Error, FilePart};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, header_regex, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("t0ken")
        .base_url(server.uri())
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn query_styles_and_decoded_enums_maps_and_scalars() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(header("authorization", "Bearer t0ken"))
        .and(header("x-request-id", "r-1"))
        .and(query_param("tags", "old"))
        .and(query_param("ids", "1,2"))
        .and(query_param("names", "Rex|Tom"))
        .and(query_param("filter[color]", "black"))
        .and(query_param("filter[age]", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {
                "id": 1, "name": "Rex", "size": 2, "mood": "grumpy", "slug": "rex",
                "tags": [{ "name": "vip", "since": "2020", "by": "staff" }]
            },
            { "id": 2, "name": "Tom", "size": 7, "status": "sleeping" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let options = GetPetsOptions {
        tags: Some(vec!["old".into()]),
        ids: Some(vec![1, 2]),
        names: Some(vec!["Rex".into(), "Tom".into()]),
        filter: Some(GetPetsFilter {
            color: Some("black".into()),
            age: Some(3),
        }),
        x_trace: Some(vec!["a".into(), "b".into()]),
        ..GetPetsOptions::default()
    };
    let pets = client(&server)
        .get_pets("r-1", &options)
        .await
        .expect("decodes");
    // wiremock's header matchers split values at commas, so the joined list is checked on the request itself.
    let requests = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        requests[0].headers.get("x-trace").map(|v| v.as_bytes()),
        Some(&b"a,b"[..]),
        "header lists are comma-joined"
    );
    assert_eq!(pets[0].size, Some(Size::Value2));
    assert_eq!(pets[1].size, Some(Size::Other(7)), "unknown integer kept");
    assert_eq!(pets[1].size.map(Size::value), Some(7));
    assert_eq!(pets[0].mood.as_deref(), Some("grumpy"));
    let tag = &pets[0].tags.as_ref().expect("tags")[0];
    assert_eq!(tag.name, "vip");
    assert_eq!(
        tag.additional_properties.get("since").map(String::as_str),
        Some("2020"),
        "undeclared properties land in the flattened map"
    );
    assert_eq!(tag.additional_properties.len(), 2);
    assert_eq!(
        pets[1].status.as_ref().map(|s| s.as_str()),
        Some("sleeping")
    );
}

#[tokio::test]
async fn label_and_matrix_paths_styled_headers_and_a_discriminated_union() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/animals/.1.2.3/;lat=1.5;lon=-0.25"))
        .and(header("x-filter", "color=black"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            { "kind": "meow", "id": 1, "name": "Tom", "lives": 9 },
            { "kind": "Dog", "id": 2, "name": "Rex" }
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let near = SearchAnimalsNear {
        lat: Some(1.5),
        lon: Some(-0.25),
    };
    let options = SearchAnimalsOptions {
        x_filter: Some(SearchAnimalsXFilter {
            color: Some("black".into()),
        }),
    };
    let animals = client(&server)
        .search_animals(&[1, 2, 3], &near, &options)
        .await
        .expect("decodes");
    match &animals[..] {
        [Animal::Cat(cat), Animal::Dog(dog)] => {
            assert_eq!((cat.name.as_str(), cat.lives), ("Tom", Some(9)));
            assert_eq!(dog.name, "Rex");
        }
        other => panic!("expected a cat then a dog, got {other:?}"),
    }
    // `Cat` has no `kind` field: the variant decides the tag, and the union writes it.
    let round_trip = serde_json::to_value(&animals[0]).expect("serialises");
    assert_eq!(round_trip["kind"], "meow");
    let cat: Animal = pets_client::types::Cat::new(3, "Felix".into()).into();
    assert_eq!(
        serde_json::to_value(&cat).expect("serialises")["kind"],
        "meow"
    );
}

#[tokio::test]
async fn an_unknown_discriminator_is_kept_as_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            { "kind": "fish", "id": 3, "fins": 2 },
            { "id": 4 },
            { "kind": "Dog", "id": 5, "name": "Rex" },
            { "kind": "Dog", "id": "six" }
        ])))
        .mount(&server)
        .await;
    let near = SearchAnimalsNear {
        lat: Some(0.0),
        lon: None,
    };
    let animals = client(&server)
        .search_animals(&[1], &near, &SearchAnimalsOptions::default())
        .await
        .expect("an animal this client does not know does not fail the page");
    match &animals[..] {
        [Animal::Other(fish), Animal::Other(untagged), Animal::Dog(dog), Animal::Other(odd)] => {
            assert_eq!(
                odd,
                &json!({ "kind": "Dog", "id": "six" }),
                "a known tag with a value of another shape is kept too"
            );
            assert_eq!(fish, &json!({ "kind": "fish", "id": 3, "fins": 2 }));
            assert_eq!(
                untagged,
                &json!({ "id": 4 }),
                "a missing tag is unknown too"
            );
            assert_eq!(dog.name, "Rex");
        }
        other => panic!("expected two unknown animals, a dog and an odd one, got {other:?}"),
    }
}

#[tokio::test]
async fn a_struct_flattens_a_union_and_a_cursor_pages_backwards() {
    let server = MockServer::start().await;
    let page = |before: Option<&str>, events: serde_json::Value| {
        let mock = Mock::given(method("GET"))
            .and(path("/pets/7/events"))
            .and(query_param("where", r#"{"kind":"fed"}"#));
        let mock = match before {
            Some(before) => mock.and(query_param("before", before)),
            None => mock.and(wiremock::matchers::query_param_is_missing("before")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(events))
            .expect(1)
    };
    page(
        None,
        json!([
            { "at": 300, "kind": "walked", "minutes": 20, "weight": 4200 },
            { "at": 200, "kind": "fed", "food": "kibble", "weight": { "note": "after lunch" } },
            { "at": 250, "kind": "groomed", "brush": "soft", "weight": "heavy" }
        ]),
    )
    .mount(&server)
    .await;
    page(
        Some("200"),
        json!([{ "at": 100, "kind": "fed", "food": "fish" }]),
    )
    .mount(&server)
    .await;
    page(Some("100"), json!([])).mount(&server).await;

    let options = ListPetEventsOptions {
        where_: Some(ListPetEventsWhere {
            kind: Some("fed".into()),
        }),
        ..ListPetEventsOptions::default()
    };
    let client = client(&server);
    let events: Vec<PetEvent> = client
        .list_pet_events_stream(7, &options)
        .try_collect()
        .await
        .expect("three pages");
    let seen: Vec<(i64, String)> = events
        .iter()
        .map(|event| {
            let what = match &event.kind {
                PetEventKind::FedEvent(fed) => format!("fed {}", fed.food),
                PetEventKind::WalkedEvent(walk) => format!("walked {}", walk.minutes),
                PetEventKind::Other(other) => format!("other {}", other["kind"]),
            };
            (event.at, what)
        })
        .collect();
    assert_eq!(
        seen,
        [
            (300, "walked 20".to_string()),
            (200, "fed kibble".to_string()),
            (250, "other \"groomed\"".to_string()),
            (100, "fed fish".to_string()),
        ],
        "the next page is asked for before the smallest `at`, until an empty page"
    );
    match &events[2].kind {
        PetEventKind::Other(other) => assert_eq!(other["brush"], "soft", "kept whole"),
        other => panic!("groomed is unknown here, got {other:?}"),
    }
    // An untagged union keeps a value that matches none of its shapes, instead of failing the page.
    let weights: Vec<Option<&PetEventWeight>> = events.iter().map(|e| e.weight.as_ref()).collect();
    assert!(
        matches!(weights[0], Some(PetEventWeight::Integer(4200))),
        "{weights:?}"
    );
    assert!(
        matches!(weights[1], Some(PetEventWeight::PetEventWeightVariant2(w)) if w.note == "after lunch")
    );
    assert!(
        matches!(weights[2], Some(PetEventWeight::Other(serde_json::Value::String(s))) if s == "heavy"),
        "{weights:?}"
    );
}

#[tokio::test]
async fn a_cursor_that_does_not_move_ends_the_stream() {
    let server = MockServer::start().await;
    // A server that ignores `before` answers the same page forever; the stream stops after it once.
    Mock::given(method("GET"))
        .and(path("/pets/8/events"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{ "at": 50, "kind": "fed", "food": "hay" }])),
        )
        .expect(2)
        .mount(&server)
        .await;
    let events: Vec<PetEvent> = client(&server)
        .list_pet_events_stream(8, &ListPetEventsOptions::default())
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        events.len(),
        2,
        "the first page, and the second that did not move the cursor"
    );
}

#[tokio::test]
async fn a_nullable_reference_is_sent_as_null_and_x_methods_share_a_route() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/pets/3/owner"))
        .and(wiremock::matchers::body_json(json!({ "owner": null })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/pets/3/owner"))
        .and(wiremock::matchers::body_json(
            json!({ "owner": { "name": "Ada" } }),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/pets/3/care"))
        .and(wiremock::matchers::body_json(json!({ "food": "kibble" })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/pets/3/care"))
        .and(wiremock::matchers::body_json(json!({ "minutes": null })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .set_owner(3, &SetOwnerRequest { owner: None })
        .await
        .expect("unset");
    let ada = Owner { name: "Ada".into() };
    client
        .set_owner(3, &SetOwnerRequest { owner: Some(ada) })
        .await
        .expect("set");
    client
        .feed_pet(
            3,
            &FeedPetRequest {
                food: "kibble".into(),
            },
        )
        .await
        .expect("fed");
    client
        .walk_pet(3, &WalkPetRequest { minutes: None })
        .await
        .expect("walked");
}

#[tokio::test]
async fn multipart_bodies_send_one_part_per_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets/5/photo"))
        .and(header_regex(
            "content-type",
            "^multipart/form-data; boundary=",
        ))
        .and(body_string_contains(
            "Content-Disposition: form-data; name=\"photo\"; filename=\"photo\"",
        ))
        .and(body_string_contains("\u{89}PNG-bytes"))
        .and(body_string_contains(
            "Content-Disposition: form-data; name=\"caption\"\r\n\r\nsleepy",
        ))
        .and(body_string_contains("name=\"tags\"\r\n\r\ncat"))
        .and(body_string_contains("name=\"tags\"\r\n\r\nblack"))
        .and(body_string_contains(
            "name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"width\":640}",
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let body = UploadPhotoRequest {
        // Plain bytes convert into a file part named after its field.
        photo: "\u{89}PNG-bytes".as_bytes().to_vec().into(),
        caption: Some("sleepy".into()),
        tags: Some(vec!["cat".into(), "black".into()]),
        meta: Some(UploadPhotoRequestMeta { width: Some(640) }),
    };
    client(&server).upload_photo(5, body).await.expect("stored");
}

#[tokio::test]
async fn a_file_part_carries_its_file_name_and_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets/5/photo"))
        .and(body_string_contains(
            "Content-Disposition: form-data; name=\"photo\"; filename=\"rex.png\"\r\nContent-Type: image/png\r\n\r\nPNG-data",
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let photo = FilePart::new(b"PNG-data".to_vec())
        .file_name("rex.png")
        .content_type("image/png");
    assert_eq!(
        format!("{photo:?}"),
        "FilePart { bytes: 8 bytes, file_name: Some(\"rex.png\"), content_type: Some(\"image/png\") }",
        "Debug shows the size, not the contents"
    );
    let client = client(&server);
    client
        .upload_photo(5, UploadPhotoRequest::new(photo))
        .await
        .expect("stored");

    let refused = client
        .upload_photo(
            5,
            UploadPhotoRequest::new(FilePart::new(vec![1]).content_type("not a type")),
        )
        .await
        .expect_err("an invalid content type fails before sending");
    assert!(
        refused
            .to_string()
            .contains("`not a type` is not a content type"),
        "{refused}"
    );
}

#[tokio::test]
async fn error_bodies_decode_by_status() {
    let server = MockServer::start().await;
    let error_body = json!({ "code": 7, "message": "no such pet" });
    for (pet, status) in [(1, 404), (2, 400), (3, 503)] {
        Mock::given(method("GET"))
            .and(path(format!("/pets/{pet}")))
            .respond_with(ResponseTemplate::new(status).set_body_json(&error_body))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/pets/4"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>gone</html>"))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = |pet| {
        let client = client.clone();
        async move { client.get_pet(pet).await.expect_err("an error status") }
    };

    let not_found = error(1).await;
    match GetPetError::from_error(&not_found) {
        Some(GetPetError::NotFound(body)) => {
            assert_eq!((body.code, body.message.as_str()), (7, "no such pet"))
        }
        other => panic!("404 is NotFound, got {other:?}"),
    }
    assert_eq!(
        GetPetError::from_error(&error(2).await),
        None,
        "4XX is declared without a body, so it does not fall through to default"
    );
    assert!(matches!(
        GetPetError::from_error(&error(3).await),
        Some(GetPetError::Other(_))
    ));
    assert_eq!(
        GetPetError::from_error(&error(4).await),
        None,
        "a body that does not match"
    );
    let unrelated = Error::Config("not a status".into());
    assert_eq!(GetPetError::from_error(&unrelated), None);
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server);
    for injected in ["r-1\r\nX-Admin: yes", "r-1\nX-Admin: yes", "r-1\rX"] {
        let err = client
            .get_pets(injected, &GetPetsOptions::default())
            .await
            .expect_err("refused");
        assert!(
            matches!(
                err,
                Error::InvalidArgument {
                    name: "X-Request-Id",
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

#[tokio::test]
async fn a_cookie_is_sent_and_a_text_answer_decoded_with_invalid_utf8_replaced() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/7/story"))
        .and(header("cookie", "lang=fr"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"Il \xe9tait une fois".to_vec()))
        .expect(1)
        .mount(&server)
        .await;
    let story = client(&server)
        .get_pet_story(7, "fr")
        .await
        .expect("a story");
    assert_eq!(story, "Il \u{fffd}tait une fois");
    let refused = client(&server)
        .get_pet_story(7, "fr; admin=1")
        .await
        .expect_err("a cookie value cannot carry another cookie");
    assert!(
        matches!(refused, Error::InvalidArgument { name: "lang", .. }),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_binary_answer_arrives_as_its_bytes() {
    let server = MockServer::start().await;
    let jpeg = vec![0xff, 0xd8, 0xff, 0x00, 0x10, 0xff, 0xd9];
    Mock::given(method("GET"))
        .and(path("/pets/7/photo.jpg"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(jpeg.clone(), "image/jpeg"))
        .mount(&server)
        .await;
    assert_eq!(
        client(&server).download_photo(7).await.expect("bytes"),
        jpeg
    );
}

#[tokio::test]
async fn a_merge_patch_keeps_its_media_type_a_named_scalar_is_its_scalar_and_a_list_of_objects_is_json(
) {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/pets/7/profile"))
        .and(header("content-type", "application/merge-patch+json"))
        .and(header("x-changed-by", r#"[{"id":3}]"#))
        .and(wiremock::matchers::body_json(json!({ "nickname": "Rex" })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let patch = pets_client::types::PatchPetProfileRequest {
        nickname: Some(Some("Rex".into())),
    };
    // `petId` is `$ref: PetId`, a constrained integer: the argument is the integer itself. A list of objects
    // has no text form in a header but JSON.
    let changed_by = [pets_client::types::PatchPetProfileXChangedByItem { id: Some(3) }];
    client(&server)
        .patch_pet_profile(7, &changed_by, &patch)
        .await
        .expect("patched");
}

#[tokio::test]
async fn a_sent_optional_nullable_field_is_left_out_sent_as_null_or_sent_and_reads_back_the_same() {
    use pets_client::types::PatchPetProfileRequest;
    let server = MockServer::start().await;
    // A merge patch removes a member with `null`: `Some(None)` must reach the wire, `None` must not.
    for (nickname, body) in [
        (None, json!({})),
        (Some(None), json!({ "nickname": null })),
        (Some(Some("Rex".to_string())), json!({ "nickname": "Rex" })),
    ] {
        let mock = Mock::given(method("PATCH"))
            .and(path("/pets/7/profile"))
            .and(wiremock::matchers::body_json(&body))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount_as_scoped(&server)
            .await;
        let patch = PatchPetProfileRequest {
            nickname: nickname.clone(),
        };
        client(&server)
            .patch_pet_profile(7, &[], &patch)
            .await
            .unwrap_or_else(|err| panic!("{body}: {err}"));
        drop(mock);
        // Read back (the `full-serde` feature), each state is itself again: `null` is not absence.
        let read: PatchPetProfileRequest = serde_json::from_value(body.clone()).expect("reads");
        assert_eq!(read.nickname, nickname, "{body}");
    }
}
