// Package contracts holds what TaskRocket's services agree on across process
// boundaries: app ids, Dapr component and topic names, event types and
// their payloads (with a JSON Schema each, so a service in another language
// can validate what it receives). It holds no behaviour.
package contracts

// App ids (Dapr app ids, also the services/ folder names).
const (
	AppGateway       = "gateway"
	AppUsers         = "users"
	AppAuth          = "auth"
	AppProjects      = "projects"
	AppTasks         = "tasks"
	AppInvitations   = "invitations"
	AppCollaboration = "collaboration"
	AppPriorities    = "priorities"
	AppCalendar      = "calendar"
	AppNotifications = "notifications"
	AppAudit         = "audit"
	AppSearch        = "search"
)

// Apps lists every app id, in port order.
var Apps = []string{
	AppGateway, AppUsers, AppAuth, AppProjects, AppTasks, AppInvitations,
	AppCollaboration, AppPriorities, AppCalendar, AppNotifications, AppAudit, AppSearch,
}

// Dapr component names. Only the component YAML decides what backs them.
const (
	PubSub             = "pubsub"
	PubSubViews        = "pubsub-views" // the same topics, every event to every app instance (in-memory views)
	StoreAuth          = "auth-state"
	StoreCollaboration = "collaboration-state"
	StorePriorities    = "priorities-cache"
	StoreNotifications = "notifications-state"
	StoreAudit         = "audit-state"
	StoreCalendar      = "calendar-actors"
	BindingEmail       = "email"
	BindingPush        = "push"
	SecretStore        = "secretstore"
)

// Topics: one per owning context; the event kind is the CloudEvent type.
const (
	TopicUsers       = "users"
	TopicProjects    = "projects"
	TopicTasks       = "tasks"
	TopicInvitations = "invitations"
	TopicComments    = "comments"
	TopicCalendar    = "calendar"
	TopicPriorities  = "priorities"
	TopicSessions    = "sessions" // auth's revocations of logins
	// TopicDeadLetter receives deliveries that exhausted their retries.
	TopicDeadLetter = "deadletter"
)

// Topics lists the domain topics.
var Topics = []string{
	TopicUsers, TopicProjects, TopicTasks, TopicInvitations, TopicComments, TopicCalendar, TopicPriorities, TopicSessions,
}
