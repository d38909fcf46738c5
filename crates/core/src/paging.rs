//! Offset paging over `GET /api/projects`, as pure logic the client drives.
//!
//! The pager stops at a short page or once the reported total is reached, and always within
//! a hard cap so a misbehaving server (one that always answers a full page) cannot keep the
//! worker fetching forever.

/// Most pages one walk will request.
pub const MAX_PAGES: u32 = 50;
/// Most items one walk will collect.
pub const MAX_ITEMS: u64 = 10_000;
/// The largest page size the server accepts.
pub const MAX_LIMIT: u32 = 200;

/// Decides which offset to ask for next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectPager {
    limit: u32,
    next: Option<u32>,
    pages: u32,
    items: u64,
    capped: bool,
}

impl ProjectPager {
    /// A pager asking `limit` items a page (clamped to 1–200), starting at offset 0.
    pub fn new(limit: u32) -> Self {
        ProjectPager {
            limit: limit.clamp(1, MAX_LIMIT),
            next: Some(0),
            pages: 0,
            items: 0,
            capped: false,
        }
    }

    /// The page size to request.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// The offset to request next, or `None` when the walk is over.
    pub fn next_offset(&self) -> Option<u32> {
        self.next
    }

    /// Whether the walk stopped at the cap rather than at the end of the list.
    pub fn hit_cap(&self) -> bool {
        self.capped
    }

    /// Records a page that held `items` elements (decoded or not) and the server's `total`.
    pub fn record_page(&mut self, items: usize, total: Option<u64>) {
        let Some(offset) = self.next else { return };
        let received = u32::try_from(items).unwrap_or(u32::MAX);
        self.pages += 1;
        self.items += u64::from(received);
        let end = offset.saturating_add(received);
        let short = received < self.limit;
        let reached_total = total.is_some_and(|t| u64::from(end) >= t);
        self.capped = !short
            && !reached_total
            && (self.pages >= MAX_PAGES || self.items >= MAX_ITEMS || end == u32::MAX);
        self.next = (!short && !reached_total && !self.capped).then_some(end);
    }
}

impl Default for ProjectPager {
    fn default() -> Self {
        ProjectPager::new(50)
    }
}
