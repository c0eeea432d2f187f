package ports_test

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"testing"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"
)

// The relevance corpus: 25 tasks (and one project) that queries aim at,
// among 330 generated tasks with comments that share much of their
// vocabulary, in three projects.
var (
	fillerVerbs   = []string{"Update", "Review", "Fix", "Write", "Plan", "Check", "Prepare", "Clean up", "Test", "Deploy", "Discuss", "Document"}
	fillerObjects = []string{"the weekly report", "the budget", "the team schedule", "the server logs", "the invoice template",
		"meeting notes", "the backlog", "the dashboard", "the login form", "the API docs", "the bug triage", "the release checklist",
		"the style guide", "the newsletter", "customer feedback", "the test plan"}
	fillerWhy = []string{"before Friday", "for the client", "after the audit", "with the design team", "for the new hires",
		"again", "for Q3", "in staging"}
	fillerDescriptions = []string{"Keep it short and link the previous version.", "Ask the security team before sharing.",
		"See the thread in the channel for context.", "The numbers come from the finance export.",
		"Use the template from last quarter.", "Webhook deliveries are mentioned in the appendix."}
	fillerComments = []string{"Looks good to me.", "Can we do this next week?", "I added the missing numbers.",
		"Blocked by the review.", "The webhook retries failed twice overnight.", "Postmortem notes are in the wiki.",
		"Moved to the next sprint.", "Release notes should mention this."}
)

func TestRelevance(t *testing.T) {
	e := newEnv(t)
	ada, grace, linus := e.user("ada"), e.user("grace"), e.user("linus")
	core := e.project("Core platform", "CORE", ada, grace, linus)
	mobile := e.project("Mobile apps", "MOB", ada, grace)
	atlas := e.project("Atlas", "ATL", ada)
	security := e.tag(core, "security")
	access := e.tag(core, "accessibility")
	bug := e.tag(mobile, "bug")

	rng := rand.New(rand.NewPCG(12, 5))
	projects := []string{core, mobile, atlas}
	for i := range 330 {
		tk := newTask(projects[i%3], fmt.Sprintf("%s %s %s",
			fillerVerbs[rng.IntN(len(fillerVerbs))], fillerObjects[rng.IntN(len(fillerObjects))], fillerWhy[rng.IntN(len(fillerWhy))]))
		tk.Description = fillerDescriptions[rng.IntN(len(fillerDescriptions))]
		tk.Status = []string{contracts.TaskTodo, contracts.TaskInProgress, contracts.TaskDone}[rng.IntN(3)]
		tk.Priority = []string{contracts.PriorityNone, contracts.PriorityLow, contracts.PriorityMedium}[rng.IntN(3)]
		if i%3 != 2 && rng.IntN(2) == 0 {
			tk.AssigneeIDs = []string{ada.ID}
		}
		if i%3 == 0 && rng.IntN(4) == 0 {
			tk.TagIDs = []string{access}
		}
		e.save(tk)
		e.comment(tk, fillerComments[rng.IntN(len(fillerComments))])
	}

	due := time.Date(2026, 12, 18, 17, 0, 0, 0, time.UTC)
	anchors := map[string]task{}
	anchor := func(project, title, description string, edit func(*task), comments ...string) {
		tk := newTask(project, title)
		tk.Description = description
		if edit != nil {
			edit(&tk)
		}
		e.save(tk)
		for _, c := range comments {
			e.comment(tk, c)
		}
		anchors[title] = tk
	}
	anchor(core, "Renew the SSL certificate for the API gateway", "It expires at the end of the month.", nil)
	anchor(core, "Migrate billing database to PostgreSQL", "Dump, restore, switch the connection string.", nil)
	anchor(mobile, "Design the onboarding wizard", "Three screens at most.", nil)
	anchor(atlas, "Quarterly tax filing for Norway", "The accountant needs the ledger.", nil)
	anchor(core, "Replace the espresso machine in the kitchen", "", nil)
	anchor(core, "Write the incident postmortem", "Timeline, impact, follow-ups.", nil)
	anchor(core, "Kubernetes cluster upgrade to 1.31", "Drain the nodes one by one.", nil)
	anchor(core, "Accessibility audit of the settings page", "", nil)
	anchor(core, "Harden the admin panel", "", func(tk *task) { tk.TagIDs = []string{security} })
	anchor(core, "Outgoing notifications", "Webhook retries with exponential backoff.", nil)
	anchor(mobile, "Draft release notes for version 3", "", nil)
	anchor(mobile, "Roadmap review for the mobile apps", "", nil)
	anchor(core, "Roadmap for the platform team", "", nil)
	anchor(atlas, "Send invoice to ACME", "", func(tk *task) { tk.Status = contracts.TaskDone })
	anchor(core, "Review the pull request queue", "", func(tk *task) { tk.AssigneeIDs = []string{linus.ID} })
	anchor(mobile, "Crash on startup when offline", "", func(tk *task) { tk.TagIDs = []string{bug} })
	anchor(core, "Restart the staging server", "", func(tk *task) { tk.Priority = contracts.PriorityUrgent })
	anchor(atlas, "Annual report for the board", "", func(tk *task) { tk.DueAt = &due })
	anchor(mobile, "Pick a mascot", "", nil, "What about the flamingo logo we saw?")
	anchor(mobile, "Pair on the layout bugs", "", func(tk *task) { tk.AssigneeIDs = []string{grace.ID} })
	anchor(atlas, "Übersetzung der Hilfeseiten", "", nil)
	anchor(core, "Consolidate infrastructure monitoring", "", nil)
	anchor(atlas, "Negotiate vendor contract renewal", "", nil)
	anchor(core, "Prepare ISO 27001 audit evidence", "", nil)
	anchor(core, "Password reset email is not sent", "", nil)

	for _, tc := range []struct {
		name   string
		params url.Values
		want   string // the first result's title
	}{
		{"typo", url.Values{"q": {"certifcate"}}, "Renew the SSL certificate for the API gateway"},
		{"typo-two-words", url.Values{"q": {"billing datbase"}}, "Migrate billing database to PostgreSQL"},
		{"prefix", url.Values{"q": {"onboar"}}, "Design the onboarding wizard"},
		{"two-words-any-order", url.Values{"q": {"norway tax"}}, "Quarterly tax filing for Norway"},
		{"typo-short-word", url.Values{"q": {"espreso"}}, "Replace the espresso machine in the kitchen"},
		{"title-over-comments", url.Values{"q": {"postmortem"}}, "Write the incident postmortem"},
		{"number-and-word", url.Values{"q": {"kubernetes upgrade"}}, "Kubernetes cluster upgrade to 1.31"},
		{"title-over-tag", url.Values{"q": {"accessibility"}}, "Accessibility audit of the settings page"},
		{"tag-over-description", url.Values{"q": {"security"}}, "Harden the admin panel"},
		{"description-over-comments", url.Values{"q": {"webhook retries"}}, "Outgoing notifications"},
		{"phrase", url.Values{"q": {`"release notes"`}}, "Draft release notes for version 3"},
		{"project-filter", url.Values{"q": {"roadmap"}, "project": {mobile}}, "Roadmap review for the mobile apps"},
		{"status-filter", url.Values{"q": {"invoice"}, "status": {"done"}, "project": {atlas}}, "Send invoice to ACME"},
		{"assignee-filter", url.Values{"q": {"review"}, "assignee": {linus.ID}}, "Review the pull request queue"},
		{"tag-filter", url.Values{"q": {"crash"}, "tag": {bug}}, "Crash on startup when offline"},
		{"priority-filter", url.Values{"q": {"server"}, "priority": {"urgent"}}, "Restart the staging server"},
		{"due-range", url.Values{"q": {"report"}, "dueFrom": {"2026-12-15"}, "dueTo": {"2026-12-20"}}, "Annual report for the board"},
		{"comment-only", url.Values{"q": {"flamingo"}}, "Pick a mascot"},
		{"assignee-name", url.Values{"q": {"grace layout"}}, "Pair on the layout bugs"},
		{"project-name", url.Values{"q": {"atlas"}}, "Atlas"},
		{"unicode", url.Values{"q": {"übersetzung"}}, "Übersetzung der Hilfeseiten"},
		{"typos-in-two-long-words", url.Values{"q": {"infrastucture monitring"}}, "Consolidate infrastructure monitoring"},
		{"prefix-after-word", url.Values{"q": {"vendor contr"}}, "Negotiate vendor contract renewal"},
		{"digits", url.Values{"q": {"iso 27001"}}, "Prepare ISO 27001 audit evidence"},
		{"typo-then-prefix", url.Values{"q": {"pasword res"}}, "Password reset email is not sent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.search(ada, tc.params)
			if len(r.Items) == 0 || r.Items[0].Title != tc.want {
				top := r.titles()
				t.Fatalf("%v: first %q, want %q (of %d)", tc.params, top[:min(3, len(top))], tc.want, r.Total)
			}
		})
	}
}
