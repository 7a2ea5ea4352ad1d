"""nbgrader settings for the course's exercises. Run the workflow with `advocacyquiz grade …`,
which reads this file; nbgrader's own commands read it too when run from this folder.

Grades come from data: `advocacyquiz grade autograde` reads each learner's answers files and the
literal answer(...) calls of their notebook, scores them outside any kernel and writes nbgrader's
gradebook (db_url, late penalties and extensions below apply). Do not use `nbgrader autograde`:
it would run learners' code, and the test cells refuse to score there."""

c = get_config()  # noqa: F821 (nbgrader provides it)

c.CourseDirectory.course_id = "community-media-advocacy"

# A released answer cell invites typing, and never raises: learners who use the widgets can
# "Run All" without tripping over an empty cell.
c.ClearSolutions.code_stub = {"python": '# answer("question-id", your_answer)\n'}
c.ClearSolutions.text_stub = "اكتب إجابتك هنا. / Write your answer here."

# Only `nbgrader validate` executes notebooks here (an instructor checking a source notebook).
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# A test cell a learner deleted is put back and graded, rather than scoring nothing.
c.OverwriteCells.add_missing_cells = True
