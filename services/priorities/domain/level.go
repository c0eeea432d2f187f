// Package domain holds the rules of the priorities context: priority
// levels, the rules a project's owner sets, how they turn a task's
// explicit priority into its effective one, and when a time-based rule
// starts to hold. It does no I/O.
package domain

import "github.com/taskrocket/taskrocket/services/contracts"

// Level is a priority level; a higher value is more urgent.
type Level int

// Levels, lowest first.
const (
	None Level = iota
	Low
	Medium
	High
	Urgent
)

var levelNames = [...]string{
	contracts.PriorityNone, contracts.PriorityLow, contracts.PriorityMedium,
	contracts.PriorityHigh, contracts.PriorityUrgent,
}

// String is the level's name as the API and events spell it.
func (l Level) String() string {
	if l < None || l > Urgent {
		return contracts.PriorityNone
	}
	return levelNames[l]
}

// ParseLevel reads a level's name.
func ParseLevel(s string) (Level, bool) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), true
		}
	}
	return None, false
}
