package adapters

import (
	"time"

	"github.com/taskrocket/taskrocket/services/projects/domain"
)

// projectRow is the projects table as gorm sees it.
type projectRow struct {
	ID          string `gorm:"primaryKey"`
	Name        string
	Description string
	Color       string
	Key         string
	OwnerID     string
	ArchivedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Version     int64
}

func (projectRow) TableName() string { return "projects" }

func toProjectRow(p domain.Project) projectRow {
	return projectRow{
		ID: p.ID, Name: p.Name, Description: p.Description, Color: p.Color, Key: p.Key, OwnerID: p.OwnerID,
		ArchivedAt: p.ArchivedAt, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, Version: p.Version,
	}
}

func (r projectRow) domain() domain.Project {
	p := domain.Project{
		ID: r.ID, Name: r.Name, Description: r.Description, Color: r.Color, Key: r.Key, OwnerID: r.OwnerID,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Version: r.Version,
	}
	if r.ArchivedAt != nil {
		at := r.ArchivedAt.UTC()
		p.ArchivedAt = &at
	}
	return p
}

// memberRow is the project_members table as gorm sees it.
type memberRow struct {
	ProjectID string `gorm:"primaryKey"`
	UserID    string `gorm:"primaryKey"`
	Role      string
	JoinedAt  time.Time
}

func (memberRow) TableName() string { return "project_members" }

func (r memberRow) domain() domain.Member {
	return domain.Member{ProjectID: r.ProjectID, UserID: r.UserID, Role: r.Role, JoinedAt: r.JoinedAt.UTC()}
}

// viewRow is a project joined with one member's role and the member count.
type viewRow struct {
	Project     projectRow `gorm:"embedded"`
	Role        string
	MemberCount int
}

func (r viewRow) domain() domain.View {
	return domain.View{Project: r.Project.domain(), Role: r.Role, MemberCount: r.MemberCount}
}
