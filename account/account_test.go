package account

import "testing"

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		for _, s := range []string{string(r), r.Label(), " " + r.Label() + " "} {
			got, err := ParseRole(s)
			if err != nil || got != r {
				t.Errorf("ParseRole(%q) = %q, %v; want %q", s, got, err, r)
			}
		}
	}
	if _, err := ParseRole("财务"); err == nil {
		t.Error("ParseRole accepted an unknown role")
	}
}

func TestScope(t *testing.T) {
	tests := []struct {
		u            User
		region, dept int64
		want         bool
	}{
		{User{Role: Preparer, RegionID: 1, DepartmentID: 5}, 1, 5, true},
		{User{Role: Preparer, RegionID: 1, DepartmentID: 5}, 1, 6, false},
		{User{Role: DeptReviewer, RegionID: 1, DepartmentID: 5}, 2, 5, false},
		{User{Role: BureauReviewer, RegionID: 1}, 1, 9, true},
		{User{Role: BureauReviewer, RegionID: 1}, 2, 9, false},
		{User{Role: Publisher, RegionID: 1, Disabled: true}, 1, 9, false},
	}
	for _, tt := range tests {
		if got := tt.u.Scope(tt.region, tt.dept); got != tt.want {
			t.Errorf("%+v.Scope(%d, %d) = %v, want %v", tt.u, tt.region, tt.dept, got, tt.want)
		}
	}
}
