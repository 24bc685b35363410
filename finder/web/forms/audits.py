"""Audit forms: set-up, rules, and the per-rule review form built from the rubric at run time."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from finder.audit.model import METRIC_AREAS, REQUEST_TYPES, SOURCE_LEVELS
from finder.audit.rubric import DECISIONS, Rubric
from finder.catalog import POLICY_AREAS
from finder.web.forms.teams import STATE_CHOICES

LEVEL_CHOICES = [SelectChoice(k, v) for k, v in SOURCE_LEVELS.items()]
AREA_CHOICES = [SelectChoice(k, v) for k, v in POLICY_AREAS.items()]
ANSWER_CHOICES = [
    SelectChoice("yes", "Yes"),
    SelectChoice("no", "No"),
    SelectChoice("unsure", "Not sure"),
]
REQUEST_CHOICES = [SelectChoice("", "Not chosen yet")] + [
    SelectChoice(k, v) for k, v in REQUEST_TYPES.items()
]
DECISION_CHOICES = [SelectChoice("", "Use the decision the answers lead to")] + [
    SelectChoice(k, v) for k, v in DECISIONS.items()
]


class VersionedForm(FlaskForm):
    version = HiddenField()


class SetupForm(VersionedForm):
    title = StringField("Audit title", validators=[DataRequired(), Length(max=200)])
    district = StringField("District", validators=[Length(max=200)])
    state = SelectField(
        "State",
        choices=STATE_CHOICES,
        validators=[DataRequired(message="Choose the state whose rules apply.")],
    )
    innovation = TextAreaField(
        "The innovation you want",
        validators=[Length(max=4000)],
        description="For example: a four-day week with a fifth day for internships.",
    )
    outcome = TextAreaField(
        "The outcome it seeks, and why", validators=[Length(max=8000)]
    )


class TemplateForm(VersionedForm):
    template = RadioField("Start from", validators=[DataRequired()])


class RuleFields(FlaskForm):
    text = TextAreaField("The rule", validators=[DataRequired(), Length(max=2000)])
    source_level = SelectField(
        "Where it comes from", choices=LEVEL_CHOICES, default="unknown"
    )
    citation = StringField("Citation", validators=[Length(max=300)])
    policy_area = SelectField("Policy area", choices=AREA_CHOICES, default="other")
    raised_by = StringField("Raised by", validators=[Length(max=200)])


class AddRuleForm(RuleFields, VersionedForm):
    pass


class PasteForm(VersionedForm):
    lines = TextAreaField(
        "Paste rules, one per line", validators=[DataRequired(), Length(max=50_000)]
    )


class CsvForm(VersionedForm):
    file = FileField(
        "Spreadsheet (CSV or Excel)",
        validators=[
            FileRequired(),
            FileAllowed(
                ["csv", "txt", "tsv", "xlsx"],
                "Choose a .csv, .txt or .xlsx file (from LibreOffice or Numbers, use "
                "Save As or Export to save .ods or .numbers as .xlsx or .csv first).",
            ),
        ],
        description="A header row naming the columns: the rule (required), where it "
        "comes from, citation, policy area, raised by. You see what was read before "
        "anything is added.",
    )


class SourceDocumentForm(VersionedForm):
    """Uploads a district document (policy manual, innovation plan) to find rules in."""

    document = FileField(
        "Document (PDF, Word, web page or text)",
        validators=[
            FileRequired(),
            FileAllowed(
                ["pdf", "docx", "html", "htm", "txt", "text"],
                "Choose a .pdf, .docx, .html or .txt file.",
            ),
        ],
        description="A board policy manual, a local innovation plan, a waiver request's "
        "table of statutes. You choose which of the rules found to add.",
    )


class ConfirmRulesForm(VersionedForm):
    """Adds the rules shown in the import preview."""

    rows = HiddenField(validators=[DataRequired(), Length(max=1_900_000)])
    what = HiddenField()


class ImportForm(FlaskForm):
    file = FileField(
        "Audit file (YAML or JSON)",
        validators=[
            FileRequired(),
            FileAllowed(["yaml", "yml", "json"], "Choose a .yaml or .json file."),
        ],
    )


class CommentForm(FlaskForm):
    comment = TextAreaField("Comment", validators=[DataRequired(), Length(max=4000)])
    rule_uid = HiddenField()


class ConfirmVersionForm(VersionedForm):
    """A button that posts with a CSRF token and the version it was shown."""


class AcknowledgeForm(VersionedForm):
    """Acknowledging catalog changes: the catalog's fingerprint as the page showed it
    (a change arriving after the page was read is not acknowledged unseen), and the
    page to return to."""

    catalog = HiddenField()
    entries = HiddenField()  # the ids of the entries whose changes were shown
    back = HiddenField()


def make_review_form(rubric: Rubric, mechanism_choices: list[tuple[str, str]]):
    """A form class for reviewing one rule, with one field per rubric question."""

    class ReviewForm(RuleFields, VersionedForm):
        binds = RadioField(
            "Does it really bind?", choices=ANSWER_CHOICES, validators=[Optional()]
        )
        required_by = StringField("Who requires it?", validators=[Length(max=300)])
        written_in = StringField("Where is it written?", validators=[Length(max=300)])
        checked = TextAreaField("What the team checked", validators=[Length(max=4000)])
        decision = SelectField(
            "Decision", choices=DECISION_CHOICES, validators=[Optional()]
        )
        override_reason = TextAreaField(
            "Why (required when you override the suggestion)",
            validators=[Length(max=4000)],
        )
        mechanisms = SelectMultipleField(
            "Mechanisms to lift it", choices=mechanism_choices, validators=[Optional()]
        )
        request_type = SelectField(
            "Waiver or partial modification",
            choices=REQUEST_CHOICES,
            validators=[Optional()],
        )
        rationale = TextAreaField(
            "Rationale, tied to the vision", validators=[Length(max=8000)]
        )
        replacement_plan = TextAreaField(
            "Replacement plan: how the rule's intent is still met",
            validators=[Length(max=8000)],
        )
        affected = TextAreaField(
            "Students and schools affected, with baseline data",
            validators=[Length(max=8000)],
        )
        term = StringField("Term requested", validators=[Length(max=500)])

    for question in rubric.questions:
        setattr(
            ReviewForm,
            f"q_{question.id}",
            RadioField(
                question.text,
                choices=ANSWER_CHOICES,
                description=question.help,
                validators=[Optional()],
            ),
        )
        setattr(
            ReviewForm,
            f"c_{question.id}",
            StringField("Comment", validators=[Length(max=1000)]),
        )
        setattr(ReviewForm, f"k_{question.id}", BooleanField("Confirmed"))
    return ReviewForm


class MetricForm(FlaskForm):
    class Meta:
        csrf = False  # part of EvaluationForm, which carries the token

    area = SelectField(
        "Area",
        choices=[SelectChoice("", "—")]
        + [SelectChoice(key, label) for key, label in METRIC_AREAS.items()],
        validators=[Optional()],
    )
    metric = StringField("Metric", validators=[Length(max=1000)])
    baseline = StringField("Baseline", validators=[Length(max=1000)])
    target = StringField("Target", validators=[Length(max=1000)])
    data_source = StringField("Data source", validators=[Length(max=1000)])
    frequency = StringField("Frequency", validators=[Length(max=1000)])
    owner = StringField("Owner", validators=[Length(max=1000)])


class MilestoneForm(FlaskForm):
    class Meta:
        csrf = False

    when = StringField("When", validators=[Length(max=200)])
    what = StringField("What", validators=[Length(max=2000)])


class EvaluationForm(VersionedForm):
    metrics = FieldList(FormField(MetricForm), min_entries=1, max_entries=60)
    timeline = FieldList(FormField(MilestoneForm), min_entries=1, max_entries=60)


class DocumentForm(FlaskForm):
    status = SelectField(
        "Status",
        choices=[SelectChoice("draft", "Draft"), SelectChoice("final", "Final")],
    )
