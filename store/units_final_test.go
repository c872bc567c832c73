package store

import (
	"context"
	"testing"

	"yusuan/account"
	"yusuan/store/storetest"
)

// TestMigration10 widens unit_parts.kind to the 部门决算 on a database at
// migration 9 holding a unit's part of a 部门预算 with two versions: every row
// keeps its id and its references, the id counter survives, the CHECK still
// refuses any other kind, and a unit's part of the 部门决算 is then taken.
func TestMigration10(t *testing.T) {
	ctx := context.Background()
	test := func(t *testing.T, dsn string) {
		s, err := openAt(ctx, dsn, 9)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		regionID, deptID := workDepartment(t, s, "某某县", "某某县财政局")
		prep := account.Actor{User: account.User{ID: 1, Login: "a", Role: account.Preparer, RegionID: regionID, DepartmentID: deptID}}
		up := PartUpload{UnitCode: "001", UnitName: "本级", FileName: "a.xlsx", Workbook: []byte("x"), Model: []byte("{}")}
		for range 2 {
			if _, err := s.UploadPart(ctx, prep, deptID, 2025, DepartmentBudget, up); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO unit_parts (region_id, department_id, year, kind, unit_code, unit_name, updated_at)
			VALUES (?, ?, 2025, '部门决算', '001', '本级', 0)`), regionID, deptID); err == nil {
			t.Fatal("a database at migration 9 took a part of a 部门决算")
		}
		// A part id left unused at the top: the counter must not hand it out again.
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO unit_parts (region_id, department_id, year, kind, unit_code, unit_name, updated_at)
			VALUES (?, ?, 1990, '部门预算', '999', '他', 0)`), regionID, deptID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.ExecContext(ctx, `DELETE FROM unit_parts WHERE year = 1990`); err != nil {
			t.Fatal(err)
		}
		var maxID int64
		if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM unit_parts`).Scan(&maxID); err != nil {
			t.Fatal(err)
		}
		const dataColumns = "part_id AS id, number, login, file_name, errors, warnings"
		before, data := tableRows(t, s, "unit_parts", partColumnsSQL), tableRows(t, s, "unit_part_data", dataColumns)
		if err := s.migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if after := tableRows(t, s, "unit_parts", partColumnsSQL); after != before {
			t.Errorf("unit_parts after migration 10:\n%s\nwant\n%s", after, before)
		}
		if after := tableRows(t, s, "unit_part_data", dataColumns); after != data {
			t.Errorf("unit_part_data after migration 10:\n%s\nwant\n%s", after, data)
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO unit_part_data (part_id, number, uploaded_at, login, file_name, workbook, model, findings, errors, warnings)
			VALUES (999999, 1, 0, 'x', 'x', ?, '{}', '[]', 0, 0)`), []byte("x")); err == nil {
			t.Error("data of no part was accepted after the migration")
		}
		if _, err := s.db.ExecContext(ctx, s.d.bind(`INSERT INTO unit_parts (region_id, department_id, year, kind, unit_code, unit_name, updated_at)
			VALUES (?, ?, 2024, '单位预算', '001', '本级', 0)`), regionID, deptID); err == nil {
			t.Error("the CHECK took kind 单位预算 after the migration")
		}
		final, err := s.UploadPart(ctx, prep, deptID, 2025, FinalAccounts, up)
		if err != nil {
			t.Fatal(err)
		}
		if final.Kind != FinalAccounts || final.ID <= maxID+1 || final.Version != 1 {
			t.Errorf("the 部门决算's part became part %d (%s, version %d); want a new id above the unused %d", final.ID, final.Kind, final.Version, maxID+1)
		}
		if parts, err := s.Parts(ctx, deptID, 2025, DepartmentBudget); err != nil || len(parts) != 1 || parts[0].Version != 2 {
			t.Errorf("the 部门预算's parts after the 决算's: %+v %v", parts, err)
		}
	}
	t.Run("sqlite", func(t *testing.T) { test(t, t.TempDir()+"/yusuan.db") })
	t.Run("postgres", func(t *testing.T) { test(t, storetest.PostgresDSN(t)) })
}
