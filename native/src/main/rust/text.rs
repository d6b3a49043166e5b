//! SQL script splitting and text rendering of query results, for command-line use.

use datafusion::arrow::csv::WriterBuilder as CsvWriterBuilder;
use datafusion::arrow::json::ArrayWriter;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::DataFrame;
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::tokenizer::{Location, Token, Tokenizer, Whitespace};
use jni::objects::{JClass, JString};
use jni::sys::{jint, jlong, jobjectArray, jstring};
use jni::JNIEnv;

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, handle_ref, java_string, jni_call};
use crate::runtime;

/// Splits a script at top-level semicolons using DataFusion's SQL tokenizer, so semicolons inside
/// strings, quoted identifiers and comments do not split. Returns each statement's original text.
pub fn split_statements(script: &str) -> EngineResult<Vec<String>> {
    let tokens = Tokenizer::new(&GenericDialect {}, script)
        .tokenize_with_location()
        .map_err(|e| EngineError::new(ErrorCode::SqlSyntax, format!("cannot split SQL script: {e}")))?;
    let line_starts = line_starts(script);
    let offset = |location: Location| byte_offset(script, &line_starts, location);
    let mut statements = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for token in &tokens {
        match &token.token {
            Token::SemiColon => {
                if let Some(begin) = start.take() {
                    statements.push(script[begin..end].trim().to_string());
                }
            }
            Token::Whitespace(Whitespace::Space | Whitespace::Tab | Whitespace::Newline)
            | Token::Whitespace(Whitespace::SingleLineComment { .. })
            | Token::Whitespace(Whitespace::MultiLineComment(_))
            | Token::EOF => {}
            _ => {
                start.get_or_insert(offset(token.span.start));
                end = offset(token.span.end);
            }
        }
    }
    if let Some(begin) = start {
        statements.push(script[begin..end].trim().to_string());
    }
    Ok(statements)
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// Tokenizer locations are 1-based lines and 1-based character columns.
fn byte_offset(text: &str, line_starts: &[usize], location: Location) -> usize {
    let line = (location.line.max(1) - 1) as usize;
    let Some(&line_start) = line_starts.get(line) else {
        return text.len();
    };
    let column = (location.column.max(1) - 1) as usize;
    text[line_start..]
        .char_indices()
        .nth(column)
        .map_or(text.len(), |(index, _)| line_start + index)
}

/// Renders batches as `0` an aligned table, `1` CSV with a header, `2` a JSON array of objects.
pub fn render(batches: &[RecordBatch], format: jint) -> EngineResult<String> {
    match format {
        0 => Ok(pretty_format_batches(batches)?.to_string()),
        1 => {
            let mut writer = CsvWriterBuilder::new().with_header(true).build(Vec::new());
            for batch in batches {
                writer.write(batch)?;
            }
            utf8(writer.into_inner())
        }
        2 => {
            let mut writer = ArrayWriter::new(Vec::new());
            for batch in batches {
                writer.write(batch)?;
            }
            writer.finish()?;
            let mut text = utf8(writer.into_inner())?;
            if text.is_empty() {
                text.push_str("[]");
            }
            Ok(text)
        }
        other => Err(EngineError::invalid_argument(format!("unknown text format {other}"))),
    }
}

fn utf8(bytes: Vec<u8>) -> EngineResult<String> {
    String::from_utf8(bytes).map_err(|e| EngineError::new(ErrorCode::Internal, format!("non-UTF-8 output: {e}")))
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_splitStatements(
    mut env: JNIEnv,
    _class: JClass,
    script: JString,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let script = java_string(env, &script)?;
        let statements = split_statements(&script)?;
        jni_support::new_java_string_array(env, &statements)
    })
}

/// Runs the frame and renders all of its rows as text.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeToText(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    format: jint,
) -> jstring {
    jni_call(&mut env, |env| {
        let frame = unsafe { handle_ref::<DataFrame>(handle)? }.clone();
        let batches = runtime::block_on(frame.collect())??;
        let text = render(&batches, format)?;
        jni_support::new_java_string(env, &text)
    })
}

#[cfg(test)]
mod tests {
    use super::split_statements;

    #[test]
    fn splits_only_at_top_level_semicolons() {
        let script = "SELECT 'a;b' AS x; -- c;\n/* d; */ SELECT \"e;f\"\n;\n  ;SELECT 3";
        assert_eq!(
            split_statements(script).unwrap(),
            vec!["SELECT 'a;b' AS x", "SELECT \"e;f\"", "SELECT 3"]
        );
    }

    #[test]
    fn keeps_multibyte_text_intact() {
        assert_eq!(split_statements("SELECT 'ü→✓';SELECT 2").unwrap(), vec!["SELECT 'ü→✓'", "SELECT 2"]);
    }

    #[test]
    fn unterminated_string_is_a_syntax_error() {
        assert!(split_statements("SELECT 'oops").is_err());
    }
}
