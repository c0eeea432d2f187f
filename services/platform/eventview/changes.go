package eventview

// Changes numbers the changes a view received and keeps the latest ones.
// A fallback call notes Last before it starts; when it returns,
// ChangedSince tells whether a change it must not override arrived
// meanwhile (then the view asks again instead of keeping the answer).
type Changes[R any] struct {
	buf  []R
	seq  uint64 // number of the latest change
	next int    // where the next one goes
	n    int    // changes held
}

// NewChanges keeps the latest size changes.
func NewChanges[R any](size int) *Changes[R] { return &Changes[R]{buf: make([]R, size)} }

// Add records a change.
func (c *Changes[R]) Add(r R) {
	c.seq++
	c.buf[c.next] = r
	c.next = (c.next + 1) % len(c.buf)
	c.n = min(c.n+1, len(c.buf))
}

// Last is the number of the latest change (0: none yet).
func (c *Changes[R]) Last() uint64 { return c.seq }

// ChangedSince reports whether a change numbered after seq matches; when
// some of those are no longer held it answers true, to be safe.
func (c *Changes[R]) ChangedSince(seq uint64, match func(R) bool) bool {
	since := c.seq - seq
	if since == 0 {
		return false
	}
	if since > uint64(c.n) {
		return true
	}
	for i := 1; i <= int(since); i++ {
		if match(c.buf[(c.next-i+len(c.buf))%len(c.buf)]) {
			return true
		}
	}
	return false
}
