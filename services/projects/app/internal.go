package app

import (
	"context"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// The internal contract (contracts/projects_internal.go): other services
// ask who may do what in a project. Every answer reads the tables and says
// which version of the project it reflects; the membership views of other
// services (platform/membership) keep it current from the events.

// Membership returns userID's standing in projectID; a malformed id, an
// unknown project and a non-member are all domain.ErrProjectNotFound.
func (a *App) Membership(ctx context.Context, projectID, userID string) (contracts.Membership, error) {
	pid, ok1 := domain.ParseID(projectID)
	uid, ok2 := domain.ParseID(userID)
	if !ok1 || !ok2 {
		return contracts.Membership{}, domain.ErrProjectNotFound
	}
	v, err := a.Store.View(ctx, pid, uid)
	if err != nil {
		return contracts.Membership{}, err
	}
	return toMembership(v, uid), nil
}

// ProjectMembers returns a project's whole membership at one version; a
// malformed id and an unknown project are domain.ErrProjectNotFound.
func (a *App) ProjectMembers(ctx context.Context, projectID string) (contracts.ProjectMembers, error) {
	pid, ok := domain.ParseID(projectID)
	if !ok {
		return contracts.ProjectMembers{}, domain.ErrProjectNotFound
	}
	p, members, err := a.Store.Snapshot(ctx, pid)
	if err != nil {
		return contracts.ProjectMembers{}, err
	}
	out := contracts.ProjectMembers{ProjectID: p.ID, Version: p.Version, Archived: p.Archived(),
		Members: make([]contracts.ProjectMember, 0, len(members))}
	for _, m := range members {
		out.Members = append(out.Members, contracts.ProjectMember{UserID: m.UserID, Role: m.Role})
	}
	return out, nil
}

// UserProjects lists every project userID is a member of (archived ones
// included, marked). A malformed id is domain.ErrUserNotFound; an id with
// no memberships has an empty list.
func (a *App) UserProjects(ctx context.Context, userID string) (contracts.UserProjects, error) {
	uid, ok := domain.ParseID(userID)
	if !ok {
		return contracts.UserProjects{}, domain.ErrUserNotFound
	}
	views, err := a.Store.Memberships(ctx, uid)
	if err != nil {
		return contracts.UserProjects{}, err
	}
	out := contracts.UserProjects{UserID: uid, Projects: make([]contracts.Membership, 0, len(views))}
	for _, v := range views {
		out.Projects = append(out.Projects, toMembership(v, uid))
	}
	return out, nil
}

// JoinByInvitation adds a user who accepted an invitation. It is
// idempotent: an existing member keeps their role and nothing is written.
// Ownership is never granted this way (use_transfer).
func (a *App) JoinByInvitation(ctx context.Context, projectID string, req contracts.AddMemberRequest) (contracts.Membership, error) {
	pid, ok := domain.ParseID(projectID)
	if !ok {
		return contracts.Membership{}, domain.ErrProjectNotFound
	}
	problems := domain.FieldErrors{}
	uid, p := domain.NormalizeID(req.UserID)
	problems.Add("userId", p)
	actorID, p := domain.NormalizeID(req.ActorID)
	problems.Add("actorId", p)
	role := req.Role
	if role == "" {
		role = domain.RoleParticipant
	}
	role, p = domain.NormalizeRole(role)
	problems.Add("role", p)
	invitationID := ""
	if req.InvitationID != "" {
		invitationID, p = domain.NormalizeID(req.InvitationID)
		problems.Add("invitationId", p)
	}
	if err := problems.Err(); err != nil {
		return contracts.Membership{}, err
	}
	if role == domain.RoleOwner {
		return contracts.Membership{}, domain.ErrUseTransfer
	}

	var out contracts.Membership
	err := a.Store.InTx(ctx, func(tx Tx) error {
		proj, err := tx.LockProject(ctx, pid)
		if err != nil {
			return err
		}
		m, exists, err := tx.Member(ctx, pid, uid)
		if err != nil {
			return err
		}
		if exists {
			out = contracts.Membership{ProjectID: pid, ProjectName: proj.Name, UserID: uid, Role: m.Role, Archived: proj.Archived(),
				Version: proj.Version}
			return nil
		}
		if proj.Archived() {
			return domain.ErrProjectArchived
		}
		now := a.now()
		if err := tx.AddMember(ctx, domain.Member{ProjectID: pid, UserID: uid, Role: role, JoinedAt: now}); err != nil {
			return err
		}
		out = contracts.Membership{ProjectID: pid, ProjectName: proj.Name, UserID: uid, Role: role}
		return publish(ctx, tx, contracts.EventProjectMemberAdded, pid, func(v int64) any {
			out.Version = v
			return contracts.ProjectMemberAdded{
				Actor: actor(actorID), ProjectID: pid, ProjectVersion: v, ProjectName: proj.Name, UserID: uid, Role: role,
				InvitationID: invitationID, OccurredAt: now,
			}
		})
	})
	return out, err
}

func toMembership(v domain.View, userID string) contracts.Membership {
	return contracts.Membership{ProjectID: v.ID, ProjectName: v.Name, UserID: userID, Role: v.Role, Archived: v.Archived(),
		Version: v.Version}
}
