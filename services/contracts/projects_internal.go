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
	// Version is the project's version this answer reflects (the
	// projectVersion of the last event about it).
	Version int64 `json:"version"`
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

// ProjectsPathMembers: GET internal/projects/{projectId}/members -> 200
// ProjectMembers (every member, the archived flag and the version they
// are as of, read together), or 404 when the project does not exist. The
// membership views of other services (platform/membership) load a project
// with it when they do not hold it yet.
const ProjectsPathMembers = "internal/projects/%s/members"

// ProjectMembers is a project's whole membership at one version.
type ProjectMembers struct {
	ProjectID string          `json:"projectId"`
	Version   int64           `json:"version"`
	Archived  bool            `json:"archived"`
	Members   []ProjectMember `json:"members"`
}

// ProjectMember is one member of a project and their role.
type ProjectMember struct {
	UserID string `json:"userId"`
	Role   string `json:"role"` // owner | participant
}
