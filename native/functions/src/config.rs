//! The `codeanatomy_udf` configuration extension (spec §2), declared with the local
//! [`impl_extension_options!`](crate::impl_extension_options) macro (seed item 9).
//!
//! Keys can be set with `SET codeanatomy_udf.<key> = <value>` once the extension has been added to
//! the session configuration ([`crate::session_config_with_extensions`]), or programmatically with
//! `config.options_mut().set("codeanatomy_udf.<key>", value)`. Unknown keys and unparsable values
//! fail with `DataFusionError::Configuration` naming the key.

use datafusion::common::config::ConfigExtension;
use datafusion::common::{DataFusionError, Result};
use datafusion::config::ConfigOptions;

/// A configuration value as exposed in the registry snapshot (`config_defaults`).
#[derive(Debug, Clone, PartialEq)]
pub enum UdfConfigValue {
    Bool(bool),
    Int(i64),
    String(String),
}

/// Parsing of configuration values (spec §2 "Parsing").
pub trait ConfigParseable: Sized {
    fn parse_config(key: &str, value: &str) -> Result<Self>;
    fn render(&self) -> String;
}

impl ConfigParseable for bool {
    fn parse_config(key: &str, value: &str) -> Result<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" | "yes" | "y" => Ok(true),
            "false" | "f" | "0" | "no" | "n" => Ok(false),
            _ => Err(DataFusionError::Configuration(format!(
                "Invalid boolean for {key}: {value}"
            ))),
        }
    }
    fn render(&self) -> String {
        self.to_string()
    }
}

impl ConfigParseable for i32 {
    fn parse_config(key: &str, value: &str) -> Result<Self> {
        value.trim().parse::<i32>().map_err(|e| {
            DataFusionError::Configuration(format!("Invalid integer for {key}: {value} ({e})"))
        })
    }
    fn render(&self) -> String {
        self.to_string()
    }
}

impl ConfigParseable for String {
    fn parse_config(_key: &str, value: &str) -> Result<Self> {
        Ok(value.trim().to_string())
    }
    fn render(&self) -> String {
        self.clone()
    }
}

/// Implements `Default`, `ExtensionOptions` and `ConfigExtension` for a flat options struct.
///
/// ```ignore
/// impl_extension_options!(
///     MyConfig,
///     prefix = "my_prefix",
///     unknown = "Unknown my config key",
///     fields = [ (field_name, Type, default_expr, "description"), ... ]
/// );
/// ```
#[macro_export]
macro_rules! impl_extension_options {
    (
        $config_type:ident,
        prefix = $prefix:literal,
        unknown = $unknown:literal,
        fields = [ $( ($field:ident, $field_type:ty, $default:expr, $desc:literal) ),* $(,)? ]
    ) => {
        impl Default for $config_type {
            fn default() -> Self {
                Self { $( $field: $default ),* }
            }
        }

        impl $config_type {
            /// Field names of this extension, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$( stringify!($field) ),*];
        }

        impl datafusion::common::config::ConfigExtension for $config_type {
            const PREFIX: &'static str = $prefix;
        }

        impl datafusion::common::config::ExtensionOptions for $config_type {
            fn as_any(&self) -> &dyn std::any::Any {
                self
            }

            fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
                self
            }

            fn cloned(&self) -> Box<dyn datafusion::common::config::ExtensionOptions> {
                Box::new(self.clone())
            }

            fn set(&mut self, key: &str, value: &str) -> datafusion::common::Result<()> {
                let key = key.strip_prefix(concat!($prefix, ".")).unwrap_or(key);
                match key {
                    $(
                        stringify!($field) => {
                            self.$field =
                                <$field_type as $crate::config::ConfigParseable>::parse_config(key, value)?;
                            Ok(())
                        }
                    )*
                    _ => Err(datafusion::common::DataFusionError::Configuration(format!(
                        "{}: {}",
                        $unknown, key
                    ))),
                }
            }

            fn entries(&self) -> Vec<datafusion::common::config::ConfigEntry> {
                vec![
                    $(
                        datafusion::common::config::ConfigEntry {
                            key: concat!($prefix, ".", stringify!($field)).to_string(),
                            value: Some($crate::config::ConfigParseable::render(&self.$field)),
                            description: $desc,
                        },
                    )*
                ]
            }
        }
    };
}

/// Session-level defaults of the configuration-dependent functions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeAnatomyUdfConfig {
    pub utf8_normalize_form: String,
    pub utf8_normalize_casefold: bool,
    pub utf8_normalize_collapse_ws: bool,
    pub span_default_line_base: i32,
    pub span_default_col_unit: String,
    pub span_default_end_exclusive: bool,
    pub map_normalize_key_case: String,
    pub map_normalize_sort_keys: bool,
}

crate::impl_extension_options!(
    CodeAnatomyUdfConfig,
    prefix = "codeanatomy_udf",
    unknown = "Unknown CodeAnatomy UDF config key",
    fields = [
        (utf8_normalize_form, String, "NFKC".to_string(), "Default Unicode normalization form for utf8_normalize."),
        (utf8_normalize_casefold, bool, true, "Default casefold flag for utf8_normalize."),
        (utf8_normalize_collapse_ws, bool, true, "Default collapse_whitespace flag for utf8_normalize."),
        (span_default_line_base, i32, 0, "Default line base for span_make when not specified."),
        (span_default_col_unit, String, "byte".to_string(), "Default column unit for span_make when not specified."),
        (span_default_end_exclusive, bool, true, "Default end_exclusive flag for span_make when not specified."),
        (map_normalize_key_case, String, "lower".to_string(), "Default key case for map_normalize."),
        (map_normalize_sort_keys, bool, true, "Default sort_keys flag for map_normalize."),
    ]
);

impl CodeAnatomyUdfConfig {
    /// The extension registered in `options`, else the defaults.
    pub fn from_config(options: &ConfigOptions) -> Self {
        options
            .extensions
            .get::<CodeAnatomyUdfConfig>()
            .cloned()
            .unwrap_or_default()
    }

    /// Effective defaults per configuration-dependent function (snapshot `config_defaults`).
    pub fn defaults_for(&self, udf: &str) -> Option<Vec<(&'static str, UdfConfigValue)>> {
        use UdfConfigValue::*;
        match udf {
            "utf8_normalize" => Some(vec![
                ("default_form", String(self.utf8_normalize_form.clone())),
                ("default_casefold", Bool(self.utf8_normalize_casefold)),
                ("default_collapse_ws", Bool(self.utf8_normalize_collapse_ws)),
            ]),
            "map_normalize" => Some(vec![
                ("default_key_case", String(self.map_normalize_key_case.clone())),
                ("default_sort_keys", Bool(self.map_normalize_sort_keys)),
            ]),
            "span_make" => Some(vec![
                ("default_line_base", Int(self.span_default_line_base as i64)),
                ("default_col_unit", String(self.span_default_col_unit.clone())),
                ("default_end_exclusive", Bool(self.span_default_end_exclusive)),
            ]),
            _ => None,
        }
    }
}

/// Adds the `codeanatomy_udf` extension to `options` when it is not present yet.
pub fn ensure_extension(options: &mut ConfigOptions) {
    if options.extensions.get::<CodeAnatomyUdfConfig>().is_none() {
        options.extensions.insert(CodeAnatomyUdfConfig::default());
    }
}

/// Prefix of the extension (`codeanatomy_udf`).
pub const PREFIX: &str = <CodeAnatomyUdfConfig as ConfigExtension>::PREFIX;

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::common::config::ExtensionOptions;

    #[test]
    fn set_and_errors() {
        let mut c = CodeAnatomyUdfConfig::default();
        c.set("codeanatomy_udf.utf8_normalize_form", " NFC ").unwrap();
        assert_eq!(c.utf8_normalize_form, "NFC");
        c.set("span_default_line_base", "1").unwrap();
        assert_eq!(c.span_default_line_base, 1);
        c.set("map_normalize_sort_keys", "No").unwrap();
        assert!(!c.map_normalize_sort_keys);
        let e = c.set("utf8_normalize_casefold", "maybe").unwrap_err();
        assert!(matches!(e, DataFusionError::Configuration(_)));
        assert!(e.to_string().contains("Invalid boolean for utf8_normalize_casefold: maybe"));
        let e = c.set("span_default_line_base", "x").unwrap_err();
        assert!(e.to_string().contains("Invalid integer for span_default_line_base: x"));
        let e = c.set("nope", "1").unwrap_err();
        assert!(e.to_string().contains("Unknown CodeAnatomy UDF config key: nope"));
        assert_eq!(c.entries().len(), 8);
        assert_eq!(CodeAnatomyUdfConfig::KEYS.len(), 8);
    }
}
