"""Findings, the rule catalogue and the report: what ``lint_docx`` returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ERROR, WARNING = "error", "warning"
SEVERITY_WORDS = {ERROR: "lỗi", WARNING: "cảnh báo"}
MAX_PER_RULE = 20  # a style error repeats on every paragraph; the first ones say enough


@dataclass(frozen=True)
class Finding:
    """One problem: the rule it breaks, where (paragraph number, excerpt) and why."""

    rule: str
    severity: str
    paragraph: int | None  # the docx_lines index; None for page setup and headers
    excerpt: str
    message: str

    def describe(self) -> str:
        """Return the finding on one line, for a terminal.

        Paragraphs are counted from 1, as a person counts them and as the web lint page shows
        them; ``paragraph`` itself stays the zero-based index the JSON shape gives.

        >>> Finding("x.y", ERROR, 0, "Số: 1", "Sai.").describe().split()[2:4]
        ['đoạn', '1']
        """
        where = "—" if self.paragraph is None else f"đoạn {self.paragraph + 1}"
        quoted = f" «{self.excerpt}»" if self.excerpt else ""
        return f"{SEVERITY_WORDS[self.severity]:9} {self.rule:32} {where}{quoted}: {self.message}"


@dataclass(frozen=True)
class Rule:
    """A check with a stable id, its default severity and what it asks for."""

    id: str
    severity: str
    title: str

    def at(
        self, paragraph: int | None, excerpt: str, message: str, severity: str | None = None
    ) -> Finding:
        """Return a finding of this rule."""
        return Finding(self.id, severity or self.severity, paragraph, excerpt, message)


@dataclass
class Report:
    """Every finding of one document, in paragraph order."""

    file: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        """Return the number of warnings."""
        return sum(f.severity == WARNING for f in self.findings)

    def error_rules(self) -> set[str]:
        """Return the ids of the rules with an error."""
        return {f.rule for f in self.findings if f.severity == ERROR}

    def to_dict(self) -> dict:
        """Return the JSON shape of the API and of ``vanban lint --json``."""
        return {
            "file": self.file,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [asdict(f) for f in self.findings],
        }

    def describe(self) -> str:
        """Return the report for a terminal: a summary line, then one line per finding."""
        head = f"{self.file}: {self.errors} lỗi, {self.warnings} cảnh báo"
        if not self.findings:
            return f"{head}. Văn bản đạt các kiểm tra theo Nghị định 30/2020/NĐ-CP."
        return "\n".join([head, *(f"  {f.describe()}" for f in self.findings)])


def capped(findings: list[Finding]) -> list[Finding]:
    """Return ``findings`` sorted by place, at most MAX_PER_RULE per rule plus a count."""
    out, seen, extra = [], {}, {}
    for finding in sorted(findings, key=lambda f: -1 if f.paragraph is None else f.paragraph):
        seen[finding.rule] = seen.get(finding.rule, 0) + 1
        if seen[finding.rule] <= MAX_PER_RULE:
            out.append(finding)
        else:
            extra[finding.rule] = finding
    for rule, last in extra.items():
        more = seen[rule] - MAX_PER_RULE
        out.append(
            Finding(
                rule,
                last.severity,
                None,
                "",
                f"Còn {more} chỗ khác vi phạm quy tắc này (không liệt kê).",
            )
        )
    return out
