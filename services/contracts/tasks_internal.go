package contracts

// Internal invocation contract of the tasks service: the priorities
// service loads a project's open tasks when it starts to keep them (its
// projection is then kept current by the tasks topic's events).

// TasksPathOpenTasks: GET internal/projects/{projectId}/open-tasks?limit=<n>&after=<cursor>
// -> 200 TaskList: the project's tasks that are not done, in manual order.
const TasksPathOpenTasks = "internal/projects/%s/open-tasks"

// TasksOpenTasksMaxLimit is the largest page of TasksPathOpenTasks.
const TasksOpenTasksMaxLimit = 500

// TaskList is one page of tasks; Next is the cursor of the next page (""
// on the last one).
type TaskList struct {
	Items []Task `json:"items"`
	Next  string `json:"next"`
}
