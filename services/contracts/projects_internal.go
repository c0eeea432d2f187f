package contracts

// Internal invocation contract of the projects service: other services ask
// it who may do what in a project (tasks, invitations, collaboration,
// priorities, calendar, search; see their access policies).

// ProjectsPathMembership: GET internal/projects/{projectId}/members/{userId}
// -> 200 Membership, or 404 when the project does not exist or the user is
// not a member (callers must not tell those apart to clients).
const ProjectsPathMembership = "internal/projects/%s/members/%s"

// ProjectsPathUserProjects: GET internal/users/{userId}/projects
// -> 200 UserProjects (every project the user is a member of).
const ProjectsPathUserProjects = "internal/users/%s/projects"

// ProjectsPathAddMember: POST internal/projects/{projectId}/members
// AddMemberRequest -> 200 Membership (idempotent: an existing member keeps
// their role), 404 unknown project, 409 project_archived.
const ProjectsPathAddMember = "internal/projects/%s/members"

// Project roles.
const (
	RoleOwner       = "owner"
	RoleParticipant = "participant"
)

// Membership is one user's standing in one project.
type Membership struct {
	ProjectID   string `json:"projectId"`
	ProjectName string `json:"projectName"`
	UserID      string `json:"userId"`
	Role        string `json:"role"`     // owner | participant
	Archived    bool   `json:"archived"` // archived projects are read-only
}

// UserProjects lists the projects a user belongs to.
type UserProjects struct {
	UserID   string       `json:"userId"`
	Projects []Membership `json:"projects"`
}

// AddMemberRequest adds a user to a project (used when an invitation is
// accepted).
type AddMemberRequest struct {
	UserID       string `json:"userId"`
	Role         string `json:"role"`
	InvitationID string `json:"invitationId"`
	ActorID      string `json:"actorId"` // the user who accepted
}
