//! Status mapping (`ApiError::from_response`), messages for people, retry rules.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use perminut_core::{ApiError, DecodeError, FieldError};

const HTML: &str = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";

#[test]
fn validation_keeps_the_servers_message_and_details() {
    let body = r#"{"error":"Validation failed","details":[{"field":"projectId","message":"is required"},{"field":"endTime","message":"must be after startTime"}]}"#;
    let err = ApiError::from_response(400, body);
    assert_eq!(
        err,
        ApiError::Validation {
            message: "Validation failed".into(),
            details: vec![
                FieldError {
                    field: "projectId".into(),
                    message: "is required".into()
                },
                FieldError {
                    field: "endTime".into(),
                    message: "must be after startTime".into()
                },
            ],
        }
    );
    assert_eq!(err.field_error("projectId"), Some("is required"));
    assert_eq!(err.field_error("description"), None);
    let text = err.user_message();
    assert!(text.contains("Validation failed"), "{text}");
    assert!(text.contains("projectId: is required."), "{text}");
    assert!(text.contains("endTime: must be after startTime."), "{text}");
}

#[test]
fn validation_tolerates_missing_or_odd_details_and_prefers_message() {
    let err = ApiError::from_response(
        400,
        r#"{"error":"Bad Request","message":"limit must be 1-200"}"#,
    );
    assert_eq!(
        err,
        ApiError::Validation {
            message: "limit must be 1-200".into(),
            details: vec![]
        }
    );
    let err = ApiError::from_response(
        400,
        r#"{"error":"x","details":[{"message":"no field"},42,{"path":"a","msg":"b"}]}"#,
    );
    assert_eq!(err.field_error("a"), Some("b"));
    let err = ApiError::from_response(422, "not json");
    assert!(matches!(err, ApiError::Validation { ref details, .. } if details.is_empty()));
    assert_eq!(ApiError::Unauthorized.field_error("x"), None);
}

#[test]
fn every_status_maps_to_its_variant() {
    let body = r#"{"error":"nope"}"#;
    assert_eq!(ApiError::from_response(401, body), ApiError::Unauthorized);
    assert_eq!(
        ApiError::from_response(403, body),
        ApiError::Forbidden {
            message: "nope".into()
        }
    );
    assert_eq!(
        ApiError::from_response(404, body),
        ApiError::NotFound {
            message: "nope".into()
        }
    );
    assert_eq!(
        ApiError::from_response(409, body),
        ApiError::Conflict {
            message: "nope".into()
        }
    );
    for status in [500, 502, 503, 504, 599] {
        assert_eq!(
            ApiError::from_response(status, body),
            ApiError::Server {
                status,
                message: "nope".into()
            }
        );
    }
    for status in [200, 302, 405, 418, 429] {
        assert_eq!(
            ApiError::from_response(status, body),
            ApiError::Unexpected {
                status,
                message: "nope".into()
            }
        );
    }
}

#[test]
fn non_json_bodies_fall_back_to_a_generic_message() {
    for status in [400, 401, 403, 404, 409, 500, 502, 418] {
        for body in [
            HTML,
            "",
            "null",
            "[1]",
            r#"{"error": 5}"#,
            r#"{"error":"  "}"#,
        ] {
            let err = ApiError::from_response(status, body);
            let text = format!("{err:?}");
            assert!(!text.contains("<html>"), "{status} {body}: {text}");
            assert!(!err.user_message().is_empty());
        }
    }
    assert_eq!(
        ApiError::from_response(502, HTML),
        ApiError::Server {
            status: 502,
            message: "The server failed".into()
        }
    );
    assert_eq!(
        ApiError::from_response(404, HTML),
        ApiError::NotFound {
            message: "Not found".into()
        }
    );
}

#[test]
fn user_messages_say_what_happened_and_what_to_do() {
    assert_eq!(
        ApiError::Unauthorized.user_message(),
        "You are not logged in to Perminut. Log in, then try again."
    );
    assert_eq!(
        ApiError::Network {
            message: "TypeError: Failed to fetch".into()
        }
        .user_message(),
        "Perminut could not be reached. Check your connection; nothing you did is lost."
    );
    let server = ApiError::Server {
        status: 503,
        message: "x".into(),
    }
    .user_message();
    assert!(
        server.contains("503") && server.contains("Try again"),
        "{server}"
    );
    let conflict = ApiError::from_response(409, r#"{"error":"Time entry is already stopped"}"#);
    assert!(conflict.user_message().contains("already stopped"));
    let insecure = ApiError::InsecureBaseUrl {
        url: "http://example.com".into(),
    }
    .user_message();
    assert!(insecure.contains("https://"), "{insecure}");
    let decode = ApiError::Decode(DecodeError {
        path: "id".into(),
        message: "bad".into(),
    });
    assert!(decode.user_message().contains("does not understand"));
    assert!(decode.to_string().contains("`id`"));
}

#[test]
fn only_network_and_gateway_errors_are_retryable() {
    assert!(
        ApiError::Network {
            message: String::new()
        }
        .is_retryable()
    );
    for status in [502, 503, 504] {
        assert!(
            ApiError::Server {
                status,
                message: String::new()
            }
            .is_retryable()
        );
    }
    assert!(
        !ApiError::Server {
            status: 500,
            message: String::new()
        }
        .is_retryable()
    );
    assert!(!ApiError::Unauthorized.is_retryable());
    assert!(
        !ApiError::Conflict {
            message: String::new()
        }
        .is_retryable()
    );
    assert!(
        !ApiError::Decode(DecodeError {
            path: "$".into(),
            message: String::new()
        })
        .is_retryable()
    );
}

#[test]
fn errors_serialize_tagged_by_variant_and_round_trip() {
    let errors = [
        ApiError::Unauthorized,
        ApiError::Validation {
            message: "m".into(),
            details: vec![FieldError {
                field: "f".into(),
                message: "g".into(),
            }],
        },
        ApiError::Server {
            status: 503,
            message: "m".into(),
        },
        ApiError::Decode(DecodeError {
            path: "data[3].startTime".into(),
            message: "bad".into(),
        }),
        ApiError::InsecureBaseUrl {
            url: "ftp://x".into(),
        },
    ];
    assert_eq!(
        serde_json::to_string(&errors[0]).unwrap(),
        r#""Unauthorized""#
    );
    let decode = serde_json::to_value(&errors[3]).unwrap();
    assert_eq!(decode["Decode"]["path"], "data[3].startTime");
    for err in errors {
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<ApiError>(&json).unwrap(), err);
    }
}

#[test]
fn stored_errors_of_the_wrong_shape_are_refused_not_misread() {
    for bad in [
        r#""Teapot""#,
        r#"{"Teapot":{}}"#,
        r#"{"Server":{"message":"x"}}"#,
        r#"{"Server":{"status":70000,"message":"x"}}"#,
        r#"{"Forbidden":{"message":1}}"#,
        r#"{"Forbidden":{"message":"a"},"NotFound":{"message":"b"}}"#,
        r#"{"Validation":{"message":"a","details":[{"field":"x"}]}}"#,
        "[]",
        "null",
    ] {
        assert!(serde_json::from_str::<ApiError>(bad).is_err(), "{bad}");
    }
    let unknown = serde_json::from_str::<ApiError>(r#"{"Teapot":{}}"#).unwrap_err();
    assert!(unknown.to_string().contains("Teapot"), "{unknown}");
}
