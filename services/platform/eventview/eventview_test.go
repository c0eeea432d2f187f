package eventview

import "testing"

func TestTheLeastRecentlyUsedGoFirstAndWeightIsBounded(t *testing.T) {
	t.Parallel()
	c := NewLRU[string](10)
	c.Put("a", "A", 4)
	c.Put("b", "B", 4)
	c.Get("a") // b is now the least recently used
	c.Put("c", "C", 4)
	if _, ok := c.Peek("b"); ok {
		t.Fatal("b should have been evicted")
	}
	if _, ok := c.Peek("a"); !ok || c.Weight() != 8 || c.Len() != 2 {
		t.Fatalf("held %d weighing %d", c.Len(), c.Weight())
	}
	c.Put("huge", "H", 11)
	if _, ok := c.Peek("huge"); ok || c.Len() != 2 {
		t.Fatal("a value heavier than the budget is not kept, and evicts nothing")
	}
	c.Put("a", "A2", 6) // replaced, heavier: c goes
	if v, _ := c.Peek("a"); v != "A2" || c.Weight() != 10 {
		t.Fatalf("a = %q, weight %d", v, c.Weight())
	}
}

func TestChangesTellWhatArrivedSinceANumber(t *testing.T) {
	t.Parallel()
	c := NewChanges[string](3)
	start := c.Last()
	if c.ChangedSince(start, func(string) bool { return true }) {
		t.Fatal("nothing arrived yet")
	}
	c.Add("p1")
	c.Add("p2")
	is := func(want string) func(string) bool { return func(s string) bool { return s == want } }
	if !c.ChangedSince(start, is("p1")) || c.ChangedSince(start, is("p3")) {
		t.Fatal("p1 arrived since start, p3 did not")
	}
	mid := c.Last()
	if c.ChangedSince(mid, is("p1")) {
		t.Fatal("p1 arrived before mid")
	}
	c.Add("p3")
	c.Add("p4")
	c.Add("p5") // p2 is no longer held
	if !c.ChangedSince(start, is("nothing")) {
		t.Fatal("changes since start are partly forgotten: answer true to be safe")
	}
	if !c.ChangedSince(mid, is("p4")) || c.ChangedSince(mid, is("p2")) {
		t.Fatal("since mid: p3, p4, p5 are held")
	}
}
