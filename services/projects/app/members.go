package app

import (
	"context"
	"time"

	"github.com/taskrocket/taskrocket/services/contracts"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// Members lists a project's members (members only), named by the users
// service in one call per page.
func (a *App) Members(ctx context.Context, callerID, projectID string, after *domain.MemberCursor, limit int) (items []domain.NamedMember, more bool, err error) {
	v, err := a.Project(ctx, callerID, projectID)
	if err != nil {
		return nil, false, err
	}
	members, err := a.Store.Members(ctx, v.ID, after, limit+1)
	if err != nil {
		return nil, false, err
	}
	if len(members) > limit {
		members, more = members[:limit], true
	}
	items, err = a.named(ctx, members)
	if err != nil {
		return nil, false, err
	}
	return items, more, nil
}

// named gives each member the name the users service has for them (nil
// for an account that no longer exists), asking for all of them at once.
func (a *App) named(ctx context.Context, members []domain.Member) ([]domain.NamedMember, error) {
	out := make([]domain.NamedMember, len(members))
	if len(members) == 0 {
		return out, nil
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.UserID
	}
	names, err := a.Users.Names(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, m := range members {
		out[i].Member = m
		if p, ok := names[m.UserID]; ok {
			out[i].Person = &p
		}
	}
	return out, nil
}

// person returns the name the users service has for userID, or nil when
// no live account has this id.
func (a *App) person(ctx context.Context, userID string) (*domain.Person, error) {
	names, err := a.Users.Names(ctx, []string{userID})
	if err != nil {
		return nil, err
	}
	if p, ok := names[userID]; ok {
		return &p, nil
	}
	return nil, nil
}

// AddMember adds an existing user as a participant (owner; not while
// archived). Ownership is only ever given by a transfer.
func (a *App) AddMember(ctx context.Context, callerID, projectID, userID, role string) (domain.NamedMember, error) {
	problems := domain.FieldErrors{}
	uid, p := domain.NormalizeID(userID)
	problems.Add("userId", p)
	role, p = domain.NormalizeRole(role)
	problems.Add("role", p)
	if err := problems.Err(); err != nil {
		return domain.NamedMember{}, err
	}
	// Check the caller's rights and the target before asking the users
	// service, so that a refused request costs no remote call; the checks
	// are repeated under the lock below.
	check := func(tx Tx) (domain.Project, error) {
		p, _, err := authorize(ctx, tx, projectID, callerID, domain.ActManage)
		if err != nil {
			return domain.Project{}, err
		}
		if role == domain.RoleOwner {
			return domain.Project{}, domain.ErrUseTransfer
		}
		if _, exists, err := tx.Member(ctx, p.ID, uid); err != nil || exists {
			return domain.Project{}, orElse(err, domain.ErrAlreadyMember)
		}
		return p, nil
	}
	if err := a.Store.InTx(ctx, func(tx Tx) error { _, err := check(tx); return err }); err != nil {
		return domain.NamedMember{}, err
	}
	person, err := a.person(ctx, uid)
	switch {
	case err != nil:
		return domain.NamedMember{}, err
	case person == nil:
		return domain.NamedMember{}, domain.ErrUserNotFound
	}
	var m domain.Member
	err = a.Store.InTx(ctx, func(tx Tx) error {
		p, err := check(tx)
		if err != nil {
			return err
		}
		m = domain.Member{ProjectID: p.ID, UserID: uid, Role: role, JoinedAt: a.now()}
		if err := tx.AddMember(ctx, m); err != nil {
			return err
		}
		return publish(ctx, tx, contracts.EventProjectMemberAdded, p.ID, func(v int64) any {
			return contracts.ProjectMemberAdded{
				Actor: actor(callerID), ProjectID: p.ID, ProjectVersion: v, ProjectName: p.Name, UserID: uid, Role: role, OccurredAt: m.JoinedAt,
			}
		})
	})
	if err != nil {
		return domain.NamedMember{}, err
	}
	return domain.NamedMember{Member: m, Person: person}, nil
}

// RemoveMember removes a participant (owner; not while archived).
func (a *App) RemoveMember(ctx context.Context, callerID, projectID, userID string) error {
	return a.Store.InTx(ctx, func(tx Tx) error {
		p, _, err := authorize(ctx, tx, projectID, callerID, domain.ActManage)
		if err != nil {
			return err
		}
		target, err := member(ctx, tx, p.ID, userID)
		if err != nil {
			return err
		}
		if target.Role == domain.RoleOwner {
			return domain.ErrCannotRemoveOwner
		}
		return removeMember(ctx, tx, target, callerID, contracts.MemberRemovedByOwner, a.now())
	})
}

// Leave removes the caller from a project (participants; not while
// archived). The owner transfers the ownership first.
func (a *App) Leave(ctx context.Context, callerID, projectID string) error {
	return a.Store.InTx(ctx, func(tx Tx) error {
		_, m, err := authorize(ctx, tx, projectID, callerID, domain.ActLeave)
		if err != nil {
			return err
		}
		return removeMember(ctx, tx, m, callerID, contracts.MemberRemovedLeft, a.now())
	})
}

// ChangeRole changes a member's role (owner; not while archived). The
// owner's role and the owner role itself move only by transfer.
func (a *App) ChangeRole(ctx context.Context, callerID, projectID, userID, role string) (domain.NamedMember, error) {
	role, problem := domain.NormalizeRole(role)
	if problem != "" {
		return domain.NamedMember{}, domain.FieldErrors{"role": problem}.Err()
	}
	// Check the caller's rights and the change before asking the users
	// service for the member's name, so that a refused request costs no
	// remote call and a change once made is not answered with an error;
	// the checks are repeated under the lock below.
	check := func(tx Tx) (domain.Project, domain.Member, error) {
		p, _, err := authorize(ctx, tx, projectID, callerID, domain.ActManage)
		if err != nil {
			return domain.Project{}, domain.Member{}, err
		}
		target, err := member(ctx, tx, p.ID, userID)
		if err != nil {
			return domain.Project{}, domain.Member{}, err
		}
		if target.Role != role && (target.Role == domain.RoleOwner || role == domain.RoleOwner) {
			return domain.Project{}, domain.Member{}, domain.ErrUseTransfer
		}
		return p, target, nil
	}
	var target domain.Member
	if err := a.Store.InTx(ctx, func(tx Tx) error {
		var err error
		_, target, err = check(tx)
		return err
	}); err != nil {
		return domain.NamedMember{}, err
	}
	person, err := a.person(ctx, target.UserID)
	if err != nil {
		return domain.NamedMember{}, err
	}
	var out domain.Member
	err = a.Store.InTx(ctx, func(tx Tx) error {
		p, target, err := check(tx)
		if err != nil {
			return err
		}
		out = target
		if target.Role == role {
			return nil
		}
		if err := tx.SetRole(ctx, p.ID, target.UserID, role); err != nil {
			return err
		}
		out.Role = role
		return publish(ctx, tx, contracts.EventProjectMemberRoleChanged, p.ID, func(v int64) any {
			return contracts.ProjectMemberRoleChanged{
				Actor: actor(callerID), ProjectID: p.ID, ProjectVersion: v, UserID: target.UserID, Role: role, PreviousRole: target.Role, OccurredAt: a.now(),
			}
		})
	})
	if err != nil {
		return domain.NamedMember{}, err
	}
	return domain.NamedMember{Member: out, Person: person}, nil
}

// Transfer makes another member the owner; the caller (the owner) becomes
// a participant, in one transaction. Transferring to oneself changes
// nothing.
func (a *App) Transfer(ctx context.Context, callerID, projectID, userID string) (domain.View, error) {
	uid, problem := domain.NormalizeID(userID)
	if problem != "" {
		return domain.View{}, domain.FieldErrors{"userId": problem}.Err()
	}
	return a.change(ctx, callerID, projectID, domain.ActManage, func(tx Tx, p *domain.Project, now time.Time) error {
		target, err := member(ctx, tx, p.ID, uid)
		if err != nil || target.UserID == callerID {
			return err
		}
		return transfer(ctx, tx, p, target.UserID, callerID, now)
	})
}

// transfer moves p's ownership to newOwnerID (already a member); the
// previous owner stays as a participant. domain.ErrKeyTaken when the new
// owner already owns a project with p's key.
func transfer(ctx context.Context, tx Tx, p *domain.Project, newOwnerID, actorID string, now time.Time) error {
	previous := p.OwnerID
	if err := tx.SetRole(ctx, p.ID, previous, domain.RoleParticipant); err != nil {
		return err
	}
	if err := tx.SetRole(ctx, p.ID, newOwnerID, domain.RoleOwner); err != nil {
		return err
	}
	p.OwnerID, p.UpdatedAt = newOwnerID, now
	if err := tx.UpdateProject(ctx, *p, ColumnOwner); err != nil {
		return err
	}
	return publish(ctx, tx, contracts.EventProjectOwnershipTransferred, p.ID, func(v int64) any {
		return contracts.ProjectOwnershipTransferred{
			Actor: actor(actorID), ProjectID: p.ID, ProjectVersion: v, PreviousOwnerID: previous, NewOwnerID: newOwnerID, OccurredAt: now,
		}
	})
}

func removeMember(ctx context.Context, tx Tx, m domain.Member, actorID, reason string, now time.Time) error {
	if err := tx.RemoveMember(ctx, m.ProjectID, m.UserID); err != nil {
		return err
	}
	return publish(ctx, tx, contracts.EventProjectMemberRemoved, m.ProjectID, func(v int64) any {
		return contracts.ProjectMemberRemoved{
			Actor: actor(actorID), ProjectID: m.ProjectID, ProjectVersion: v, UserID: m.UserID, Reason: reason, OccurredAt: now,
		}
	})
}

// member loads a member named in a path; a malformed id or a non-member
// is domain.ErrMemberNotFound.
func member(ctx context.Context, tx Tx, projectID, userID string) (domain.Member, error) {
	uid, ok := domain.ParseID(userID)
	if !ok {
		return domain.Member{}, domain.ErrMemberNotFound
	}
	m, exists, err := tx.Member(ctx, projectID, uid)
	if err != nil || !exists {
		return domain.Member{}, orElse(err, domain.ErrMemberNotFound)
	}
	return m, nil
}

// orElse returns err when it is set, fallback otherwise.
func orElse(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
