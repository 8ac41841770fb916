#![only_if(file_parts)]
//! Files sent in multipart bodies: the bytes, and the file name and content type the server may store or check
//! (an avatar's `photo.png`, `image/png`). A plain `Vec<u8>` converts into one, named after its field.

/// A file part of a multipart body. Build one from bytes (`bytes.into()`, or [`FilePart::new`]) and name it
/// with [`file_name`](Self::file_name) and [`content_type`](Self::content_type) when the API wants them.
#[derive(Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FilePart {
    /// The file's contents.
    pub bytes: Vec<u8>,
    /// The file name sent with the part; the field's name when `None`.
    pub file_name: Option<String>,
    /// The part's `Content-Type` (`image/png`); `application/octet-stream` when `None`.
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file holding `bytes`, named after its field, of no stated type.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Sends the part with `file_name`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sends the part with the content type `content_type` (`image/png`); an invalid one fails the call
    /// before anything is sent.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The part for the field `field`.
    pub(crate) fn into_part(
        self,
        field: &'static str,
    ) -> Result<reqwest::multipart::Part, crate::Error> {
        let file_name = self.file_name.unwrap_or_else(|| field.to_string());
        let part = reqwest::multipart::Part::bytes(self.bytes).file_name(file_name);
        match self.content_type {
            None => Ok(part),
            Some(content_type) => {
                part.mime_str(&content_type)
                    .map_err(|_| crate::Error::InvalidArgument {
                        name: field,
                        reason: format!("`{content_type}` is not a content type"),
                    })
            }
        }
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<&[u8]> for FilePart {
    fn from(bytes: &[u8]) -> Self {
        Self::new(bytes)
    }
}

impl std::fmt::Debug for FilePart {
    /// The size, not the bytes: a file can be large, and its contents are the caller's.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("bytes", &format_args!("{} bytes", self.bytes.len()))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}
