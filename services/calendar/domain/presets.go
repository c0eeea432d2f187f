package domain

// Presets are the recurrences offered with one click, by name. Rules that
// name no day (weekly, monthly, yearly) repeat on the start's weekday,
// day of the month, or date.
var Presets = map[string]string{
	"daily":                 "FREQ=DAILY",
	"every_weekday":         "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
	"weekly":                "FREQ=WEEKLY",
	"every_2_weeks_mon_thu": "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
	"monthly":               "FREQ=MONTHLY",
	"monthly_last_friday":   "FREQ=MONTHLY;BYDAY=-1FR",
	"monthly_last_weekday":  "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
	"yearly":                "FREQ=YEARLY",
}

// Preset is the named preset's rule.
func Preset(name string) (Rule, error) {
	raw, ok := Presets[name]
	if !ok {
		return Rule{}, ErrUnknownPreset
	}
	return ParseRule(raw)
}
