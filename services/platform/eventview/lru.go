// Package eventview holds the pieces every in-memory view kept current by
// events needs (platform/membership, the gateway's sessions): a weighted
// least-recently-used store that bounds memory, and a numbered log of the
// latest changes, by which a fallback call to the owning service tells
// whether a change arrived while it was in flight (the change must win).
package eventview

import "container/list"

// LRU holds values by key up to a total weight, evicting the least
// recently used first. It is not safe for concurrent use (the view's lock
// guards it).
type LRU[V any] struct {
	max, total int
	order      *list.List // front: most recently used
	items      map[string]*list.Element
}

type lruItem[V any] struct {
	key    string
	value  V
	weight int
}

// NewLRU returns an LRU holding at most maxWeight in total.
func NewLRU[V any](maxWeight int) *LRU[V] {
	return &LRU[V]{max: maxWeight, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the value and marks it used.
func (c *LRU[V]) Get(key string) (V, bool) {
	el, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruItem[V]).value, true
}

// Peek returns the value without marking it used.
func (c *LRU[V]) Peek(key string) (V, bool) {
	el, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	return el.Value.(*lruItem[V]).value, true
}

// Put stores or replaces a value and evicts others until the total weight
// fits; a value heavier than the whole budget is not kept.
func (c *LRU[V]) Put(key string, v V, weight int) {
	c.Remove(key)
	if weight > c.max {
		return
	}
	c.items[key] = c.order.PushFront(&lruItem[V]{key: key, value: v, weight: weight})
	c.total += weight
	for c.total > c.max {
		c.Remove(c.order.Back().Value.(*lruItem[V]).key)
	}
}

// Remove drops a value.
func (c *LRU[V]) Remove(key string) {
	if el, ok := c.items[key]; ok {
		c.total -= el.Value.(*lruItem[V]).weight
		c.order.Remove(el)
		delete(c.items, key)
	}
}

// Len is the number of values held; Weight their total weight.
func (c *LRU[V]) Len() int    { return len(c.items) }
func (c *LRU[V]) Weight() int { return c.total }
