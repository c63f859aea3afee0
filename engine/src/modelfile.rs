//! A line model's file (JSON) read: its weights in order, straight into a list (a model
//! holds some 200,000, which a map of parsed values would hold and sort first), and its
//! other members as parsed JSON.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

pub struct ModelFile {
    /// Its `weights` member's keys and numbers, in the order written; None where it has none.
    pub weights: Option<Vec<(String, f64)>>,
    /// Every other member.
    pub rest: Map<String, Value>,
}

/// The model file `text`, or what is wrong with it (as `serde_json` says, with where).
pub fn read(text: &str) -> Result<ModelFile, String> {
    let mut reader = serde_json::Deserializer::from_str(text);
    let file = reader
        .deserialize_map(FileVisitor)
        .map_err(|e| e.to_string())?;
    reader.end().map_err(|e| e.to_string())?;
    Ok(file)
}

/// `weights` as a JSON object, in order (a finite number reads back as the same float).
pub fn object_of(weights: &[(String, f64)]) -> String {
    serde_json::to_string(&WeightObject(weights)).expect("strings and numbers make JSON")
}

struct WeightObject<'a>(&'a [(String, f64)]);

impl Serialize for WeightObject<'_> {
    fn serialize<S: Serializer>(&self, writer: S) -> Result<S::Ok, S::Error> {
        writer.collect_map(self.0.iter().map(|(key, weight)| (key, weight)))
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = ModelFile;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<ModelFile, A::Error> {
        let mut file = ModelFile {
            weights: None,
            rest: Map::new(),
        };
        while let Some(key) = members.next_key::<String>()? {
            if key == "weights" {
                file.weights = Some(members.next_value_seed(WeightList)?);
            } else {
                file.rest.insert(key, members.next_value()?);
            }
        }
        Ok(file)
    }
}

/// A JSON object of numbers read as a list of its members.
struct WeightList;

impl<'de> DeserializeSeed<'de> for WeightList {
    type Value = Vec<(String, f64)>;

    fn deserialize<D: Deserializer<'de>>(self, reader: D) -> Result<Self::Value, D::Error> {
        reader.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for WeightList {
    type Value = Vec<(String, f64)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of weights, each a number")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Self::Value, A::Error> {
        let mut weights = Vec::with_capacity(members.size_hint().unwrap_or(0));
        while let Some(member) = members.next_entry::<String, f64>()? {
            weights.push(member);
        }
        Ok(weights)
    }
}
