package emit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/report"
)

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	files := []File{{Path: "template.yaml", Data: []byte("a\n")}, {Path: "statemachines/x.asl.json", Data: []byte("{}\n")}}
	if err := Write(dir, files, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "statemachines", "x.asl.json")); string(b) != "{}\n" {
		t.Fatalf("wrote %q", b)
	}

	// Existing files are not overwritten without force, and a refused
	// write writes nothing, not even the files that are new.
	again := []File{{Path: "new.yaml", Data: []byte("n\n")}, {Path: "template.yaml", Data: []byte("b\n")}}
	err := Write(dir, again, false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "template.yaml") || !strings.Contains(err.Error(), "--force") {
		t.Errorf("overwrite without force: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.yaml")); err == nil {
		t.Error("a refused write wrote new.yaml")
	}
	if err := Write(dir, again, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "template.yaml")); string(b) != "b\n" {
		t.Errorf("with force: %q", b)
	}

	// No path leaves the directory.
	for _, p := range []string{"../x", "a/../../x", "/etc/x", "a/./b", "", `a\b`} {
		if err := Write(dir, []File{{Path: p, Data: nil}}, true); err == nil {
			t.Errorf("Write accepted %q", p)
		}
	}

	// Nothing is written through a link, even with force: not a linked
	// directory that leads out, and not a linked file.
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "statemachines2")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(dir, []File{{Path: "statemachines2/x.json", Data: []byte("x")}}, true); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("write through a linked directory: %v", err)
	}
	target := filepath.Join(outside, "victim")
	_ = os.WriteFile(target, []byte("keep"), 0o644)
	_ = os.Symlink(target, filepath.Join(dir, "link.yaml"))
	if err := Write(dir, []File{{Path: "link.yaml", Data: []byte("x")}}, true); err == nil {
		t.Error("wrote through a linked file")
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the link's target was changed: %q", b)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files appeared outside the output directory: %v", entries)
	}
}

func TestBlockers(t *testing.T) {
	fs := []report.Finding{{Check: "cycle", Severity: "warning"}, {Check: "wire-type", Severity: "error"}, {Check: "unresolved-route", Severity: "info"}}
	if b := Blockers(fs); len(b) != 1 || b[0].Check != "wire-type" {
		t.Errorf("Blockers = %v, want the error only", b)
	}
	if b := Blockers(shop(t).Findings); len(b) != 0 {
		t.Errorf("the shop has blockers: %v", b)
	}
}
