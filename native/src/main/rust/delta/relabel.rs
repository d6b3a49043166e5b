//! Column mapping: a column read under its physical names (the Parquet file's, at every nesting
//! level) is given its logical names. Only names change, so the arrays are relabelled in place,
//! by position, without copying buffers. (A cast would match struct fields by name and find none.)

use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

use datafusion::arrow::array::{make_array, ArrayData, RecordBatch};
use datafusion::arrow::datatypes::{DataType, FieldRef, Schema};
use datafusion::error::Result;
use datafusion::logical_expr::ColumnarValue;
use datafusion::physical_expr::PhysicalExpr;

#[derive(Debug, Hash, Eq)]
pub struct Relabel {
    input: Arc<dyn PhysicalExpr>,
    /// The logical field: same layout as the input, logical names.
    field: FieldRef,
}

impl Relabel {
    pub fn new(input: Arc<dyn PhysicalExpr>, field: FieldRef) -> Self {
        Self { input, field }
    }
}

impl PartialEq for Relabel {
    fn eq(&self, other: &Self) -> bool {
        self.input.eq(&other.input) && self.field == other.field
    }
}

impl fmt::Display for Relabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "logical_names({})", self.input)
    }
}

impl PhysicalExpr for Relabel {
    fn return_field(&self, _input_schema: &Schema) -> Result<FieldRef> {
        Ok(self.field.clone())
    }

    fn evaluate(&self, batch: &RecordBatch) -> Result<ColumnarValue> {
        let array = self.input.evaluate(batch)?.into_array(batch.num_rows())?;
        Ok(ColumnarValue::Array(make_array(relabel(array.to_data(), self.field.data_type())?)))
    }

    fn children(&self) -> Vec<&Arc<dyn PhysicalExpr>> {
        vec![&self.input]
    }

    fn with_new_children(self: Arc<Self>, children: Vec<Arc<dyn PhysicalExpr>>) -> Result<Arc<dyn PhysicalExpr>> {
        let input = children.into_iter().next().unwrap_or_else(|| self.input.clone());
        Ok(Arc::new(Relabel::new(input, self.field.clone())))
    }

    fn fmt_sql(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.input.fmt_sql(f)
    }
}

/// `data` with the type `to`, which differs from its own at most in field names.
fn relabel(data: ArrayData, to: &DataType) -> Result<ArrayData> {
    let child_types: Vec<&DataType> = match to {
        DataType::Struct(fields) => fields.iter().map(|f| f.data_type()).collect(),
        DataType::List(item)
        | DataType::LargeList(item)
        | DataType::FixedSizeList(item, _)
        | DataType::Map(item, _) => {
            vec![item.data_type()]
        }
        DataType::ListView(item) | DataType::LargeListView(item) => vec![item.data_type()],
        _ => return Ok(data),
    };
    let children = data
        .child_data()
        .iter()
        .zip(child_types)
        .map(|(child, child_type)| relabel(child.clone(), child_type))
        .collect::<Result<Vec<_>>>()?;
    Ok(data.into_builder().data_type(to.clone()).child_data(children).build()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Array, Int64Array, StructArray};
    use datafusion::arrow::datatypes::Field;
    use datafusion::physical_expr::expressions::Column;

    #[test]
    fn nested_struct_fields_take_the_logical_names_by_position() {
        let inner = StructArray::from(vec![(
            Arc::new(Field::new("col-2", DataType::Int64, true)),
            Arc::new(Int64Array::from(vec![7, 8])) as _,
        )]);
        let physical = StructArray::from(vec![(
            Arc::new(Field::new("col-1", inner.data_type().clone(), true)),
            Arc::new(inner) as _,
        )]);
        let logical_inner = DataType::Struct(vec![Field::new("leaf", DataType::Int64, true)].into());
        let logical =
            Arc::new(Field::new("s", DataType::Struct(vec![Field::new("child", logical_inner, true)].into()), true));
        let schema = Arc::new(Schema::new(vec![Field::new("col-0", physical.data_type().clone(), true)]));
        let batch = RecordBatch::try_new(schema, vec![Arc::new(physical)]).expect("batch");

        let expr = Relabel::new(Arc::new(Column::new("col-0", 0)), logical.clone());
        let result = expr.evaluate(&batch).expect("evaluates").into_array(2).expect("array");
        assert_eq!(result.data_type(), logical.data_type());
        let leaf = result.as_any().downcast_ref::<StructArray>().expect("struct").column(0);
        let leaf = leaf.as_any().downcast_ref::<StructArray>().expect("struct").column(0);
        assert_eq!(leaf.as_any().downcast_ref::<Int64Array>().expect("int64").values(), &[7, 8]);
    }
}
