use super::*;

fn read(text: &str) -> TidyTable {
    read_csv(text, Path::new("data/4-1-1.csv"))
}

fn messages(table: &TidyTable) -> Vec<String> {
    table
        .problems
        .iter()
        .map(|p| format!("{} {}", p.location.as_ref().map(|l| l.to_string()).unwrap_or_default(), p.message))
        .collect()
}

#[test]
fn columns_take_their_role_from_open_sdg_and_chinese_headers() {
    let table = read("Year,Series,Units,区县,Sex,COMMENT_OBS,GeoCode,Value\n2015,S1,%,,,,,1\n");
    let roles: Vec<Role> = table.columns.iter().map(|c| c.role).collect();
    use Role::*;
    assert_eq!(roles, [Year, Series, Units, Dimension, Dimension, Attribute, Attribute, Value]);
    let table = read("年份,学段,单位,备注,数值\n2015,,%,,1\n");
    let roles: Vec<Role> = table.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Year, Dimension, Units, Attribute, Value]);
}

#[test]
fn blank_dimension_cells_are_totals_and_the_all_blank_row_is_the_headline() {
    let table = read("Year,Group,Sex,Value\n2015,A,,1\n2015,,,2\n2015,,F,3\n");
    assert!(table.problems.is_empty(), "{:?}", messages(&table));
    let headline: Vec<f64> = table.observations.iter().filter(|o| o.is_headline()).filter_map(|o| o.value).collect();
    assert_eq!(headline, [2.0]);
    assert_eq!(table.observations[2].dimensions, [None, Some("F".to_string())]);
}

#[test]
fn series_units_and_notes_are_kept_with_each_figure() {
    let table = read("Year,Series,Units,COMMENT_OBS,Value\n2015,入学率,%,provisional,-6.06\n2015,人数,人,,14310\n");
    assert!(table.problems.is_empty(), "{:?}", messages(&table));
    let first = &table.observations[0];
    assert_eq!((first.series.as_deref(), first.units.as_deref()), (Some("入学率"), Some("%")));
    assert_eq!(first.attributes, [Some("provisional".to_string())]);
    assert_eq!(first.value, Some(-6.06));
    assert_eq!(table.observations[1].value, Some(14310.0));
}

#[test]
fn a_blank_value_is_a_published_gap_not_an_error() {
    let table = read("Year,Area,Value\n2015,Talas,\n2016,Talas,5\n");
    assert!(table.problems.is_empty());
    assert_eq!(table.observations.len(), 2);
    assert_eq!(table.numeric_values(), 1);
}

#[test]
fn missing_columns_are_located_where_they_belong() {
    let table = read("Group,Units\nA,%\n");
    assert_eq!(
        messages(&table),
        ["data/4-1-1.csv:1:1 this table has no `Year` column", "data/4-1-1.csv:1:12 this table has no `Value` column"]
    );
}

#[test]
fn every_bad_cell_of_a_table_is_reported_at_once() {
    let table = read("Year,Group,Value\n20x5,A,1\n2016,A,1,2\n2017,A,1 234\n2018,A,3\n2018,A,4\n");
    assert_eq!(
        messages(&table),
        [
            "data/4-1-1.csv:2:1 `20x5` is not a year or a period",
            "data/4-1-1.csv:3:10 this cell is to the right of the last column",
            "data/4-1-1.csv:4:8 `1 234` is not a number",
        ]
    );
    assert_eq!(table.observations.len(), 2, "the good rows are kept; a repeated figure is the model's to judge");
}

#[test]
fn a_second_year_column_and_a_headerless_column_with_figures_are_errors() {
    let table = read("Year,年份,,Value\n2015,2015,x,1\n");
    assert_eq!(
        messages(&table),
        [
            "data/4-1-1.csv:1:6 `年份` is a second `Year` column",
            "data/4-1-1.csv:1:9 this column has figures but no header"
        ]
    );
}

#[test]
fn rows_with_the_same_dimensions_in_different_units_are_different_figures() {
    let table = read("Year,Units,Регионы,Value\n2014,процент,,1\n2014,млн.долл.США,,2\n");
    assert!(table.problems.is_empty(), "{:?}", messages(&table));
    assert_eq!(table.observations.len(), 2);
}

#[test]
fn bilingual_headers_and_the_sample_column_are_read() {
    let table =
        read("年份 / Year,区县 / District,示例数据 / Sample,数值 / Value\n2020,新北区,是,85.50\n2020,,false,86\n");
    assert!(table.problems.is_empty(), "{:?}", messages(&table));
    use Role::*;
    assert_eq!(table.columns.iter().map(|c| c.role).collect::<Vec<_>>(), [Year, Dimension, Sample, Value]);
    let first = &table.observations[0];
    assert!(first.sample && !table.observations[1].sample);
    assert_eq!((first.value, first.decimals), (Some(85.5), 2), "85.50 keeps its two decimals as written");
    let table = read("Year,Sample,Value\n2020,maybe,1\n");
    assert_eq!(messages(&table), ["data/4-1-1.csv:2:6 `maybe` is not yes or no"]);
}

#[test]
fn a_row_without_year_or_figure_is_left_out_with_a_warning() {
    let table = read("Year,Value\nThere is no data for this indicator yet,\n2015 Q1,3\nno year,4\n");
    let shown: Vec<(bool, String)> = table.problems.iter().map(|p| (p.is_error(), p.message.clone())).collect();
    assert_eq!(
        shown,
        [
            (false, "`There is no data for this indicator yet` is not a year or a period; the row has no figure either and is left out".to_string()),
            (true, "`no year` is not a year or a period".to_string()),
        ]
    );
    assert_eq!(table.observations.len(), 1);
    assert_eq!(table.observations[0].period.to_string(), "2015 Q1");
}

#[test]
fn a_second_units_column_is_a_note_not_an_error() {
    let table = read("Year,Units,Unit measure,Value\n2015,Percent,Percentage (%),1\n");
    assert!(table.problems.is_empty(), "{:?}", messages(&table));
    assert_eq!(
        table.columns.iter().map(|c| c.role).collect::<Vec<_>>(),
        [Role::Year, Role::Units, Role::Attribute, Role::Value]
    );
}
