//! A series as published: only the dimensions, values and attribute texts its own observations use,
//! renumbered, its observations in table order.

use crate::model::statistics::{Attribute, Dimension, Series};

pub(super) fn project(mut series: Series, dimensions: &[Dimension], attributes: &[Attribute]) -> Series {
    let dimension_count = dimensions.len();
    let mut values_used = vec![Vec::<bool>::new(); dimension_count];
    let mut texts_used = vec![Vec::<bool>::new(); attributes.len()];
    for observation in &series.observations {
        for (d, value) in observation.key.iter().enumerate() {
            if let Some(v) = value {
                mark(&mut values_used[d], *v);
            }
        }
        for (a, text) in observation.attributes.iter().enumerate() {
            if let Some(t) = text {
                mark(&mut texts_used[a], *t);
            }
        }
    }
    let kept_dimensions: Vec<usize> = (0..dimension_count).filter(|d| values_used[*d].contains(&true)).collect();
    let value_maps: Vec<Vec<Option<u32>>> = values_used.iter().map(|used| renumber(used)).collect();
    let kept_attributes: Vec<usize> = (0..attributes.len()).filter(|a| texts_used[*a].contains(&true)).collect();
    let text_maps: Vec<Vec<Option<u32>>> = texts_used.iter().map(|used| renumber(used)).collect();
    series.dimensions = kept_dimensions
        .iter()
        .map(|d| {
            let dimension = &dimensions[*d];
            let values = dimension
                .values
                .iter()
                .enumerate()
                .filter(|(i, _)| value_maps[*d].get(*i).copied().flatten().is_some());
            Dimension { values: values.map(|(_, v)| v.clone()).collect(), ..dimension.clone() }
        })
        .collect();
    series.attributes = kept_attributes
        .iter()
        .map(|a| {
            let attribute = &attributes[*a];
            let texts =
                attribute.texts.iter().enumerate().filter(|(i, _)| text_maps[*a].get(*i).copied().flatten().is_some());
            Attribute { name: attribute.name.clone(), texts: texts.map(|(_, t)| t.clone()).collect() }
        })
        .collect();
    for observation in &mut series.observations {
        let at = |key: &[Option<u32>], d: usize| key.get(d).copied().flatten();
        observation.key =
            kept_dimensions.iter().map(|d| at(&observation.key, *d).and_then(|v| value_maps[*d][v as usize])).collect();
        observation.attributes = kept_attributes
            .iter()
            .map(|a| at(&observation.attributes, *a).and_then(|t| text_maps[*a][t as usize]))
            .collect();
    }
    series.sort();
    series
}

fn mark(used: &mut Vec<bool>, index: u32) {
    let index = index as usize;
    if used.len() <= index {
        used.resize(index + 1, false);
    }
    used[index] = true;
}

/// Old index → new index of the used entries, in their order.
fn renumber(used: &[bool]) -> Vec<Option<u32>> {
    let mut next = 0;
    used.iter()
        .map(|&u| {
            u.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}
