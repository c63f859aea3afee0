//! Rows of items, a row a line, held in one list: a document's lines each get a row without
//! a block of memory each.

/// Rows of items, each row the run of `items` up to its end.
pub struct Rows<T> {
    items: Vec<T>,
    /// Where each row ends in `items` (the next one starts there).
    ends: Vec<usize>,
}

impl<T> Rows<T> {
    /// No rows, with room for `rows` rows of `items` items in all.
    pub fn with_capacity(rows: usize, items: usize) -> Self {
        Rows {
            items: Vec::with_capacity(items),
            ends: Vec::with_capacity(rows),
        }
    }

    /// Opens a new, empty last row.
    pub fn open(&mut self) {
        self.ends.push(self.items.len());
    }

    /// Adds `item` to the last row.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
        *self.ends.last_mut().expect("a row is open") += 1;
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The number of items in all rows.
    pub fn items(&self) -> usize {
        self.items.len()
    }

    /// The items of the last row.
    pub fn last(&self) -> &[T] {
        self.get(self.ends.len() - 1)
    }

    /// The items of row `n`.
    pub fn get(&self, n: usize) -> &[T] {
        let start = n.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.items[start..self.ends[n]]
    }

    /// Each row's items, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        (0..self.ends.len()).map(|n| self.get(n))
    }
}

impl<T: Ord> Rows<T> {
    /// The last row sorted, each item once.
    pub fn sort_last(&mut self) {
        let start = self.ends.len().checked_sub(2).map_or(0, |n| self.ends[n]);
        self.items[start..].sort_unstable();
        let mut kept = start;
        for at in start..self.items.len() {
            if at == start || self.items[at] != self.items[kept - 1] {
                self.items.swap(kept, at);
                kept += 1;
            }
        }
        self.items.truncate(kept);
        *self.ends.last_mut().expect("a row is open") = kept;
    }
}
