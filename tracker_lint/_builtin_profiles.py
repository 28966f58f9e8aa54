"""Built-in profiles, generated from profiles/*.toml by scripts/generate.py:
do not edit (edit the TOML)."""

from tracker_lint.profile import Columns, Dates, Derive, Group, Legend, Profile, StageSymbol, Stages, Status, Total, Totals

BUILTIN: dict[str, Profile] = {
    'learning-module': Profile(
        name='learning-module',
        description='Learning Module Development Tracker: Module and Exam stage columns, a Status column, Last Updated dates and a Quick Stats list.',
        columns=Columns(date='Last Updated'),
        stages=Stages(
            columns=('Module', 'Exam'),
            symbols=(
                StageSymbol(symbol='✅', state='done'),
                StageSymbol(symbol='🔄', state='in-progress'),
                StageSymbol(symbol='⬜', state='not-started'),
            ),
        ),
        hints={'✔': '✅', '✓': '✅', '☑': '✅', '✔️': '✅', '🟢': '✅', '🗹': '✅', '⏳': '🔄', '🔃': '🔄', '🔁': '🔄', '🚧': '🔄', '🟡': '🔄', '⬛': '⬜', '◻': '⬜', '◽': '⬜', '☐': '⬜', '□': '⬜', '▢': '⬜', '🔲': '⬜', '🔳': '⬜', '⚪': '⬜', '❌': '⬜'},
        statuses=(
            Status(id='complete', label='Complete', symbol='✅', progress='done'),
            Status(id='in-progress', label='In Progress', symbol='🔄'),
            Status(id='module-done', label='Module done', symbol='📝'),
            Status(id='exam-done', label='Exam done', symbol='🎯'),
            Status(id='not-started', label='Not started', symbol='⬜', progress='none'),
            Status(
                id='needs-review',
                label='Needs review',
                symbol='🔍',
                also_accepted_for=('complete', 'module-done', 'exam-done'),
            ),
        ),
        derive=(
            Derive(when=('in-progress', '*'), status='in-progress'),
            Derive(when=('*', 'in-progress'), status='in-progress'),
            Derive(when=('done', 'done'), status='complete'),
            Derive(when=('done', 'not-started'), status='module-done'),
            Derive(when=('not-started', 'done'), status='exam-done'),
            Derive(when=('not-started', 'not-started'), status='not-started'),
        ),
        totals=Totals(
            heading='Quick Stats',
            items=(
                Total(label='Total Pages'),
                Total(label='Completed', count=('complete',)),
                Total(label='Modules Done (need exams)', count=('module-done',)),
                Total(label='Exams Done (need modules)', count=('exam-done',)),
                Total(label='In Progress', count=('in-progress',)),
                Total(label='Not Started', count=('not-started',)),
                Total(label='Needs Review', count=('needs-review',), source='written'),
                Total(
                    label='Completion',
                    count=('complete',),
                    of='all',
                    format='percent',
                ),
            ),
        ),
        legend=Legend(heading='Legend'),
    ),
    'tasks': Profile(
        name='tasks',
        description='Task lists: GitHub task-list items under headings, done when checked.',
        statuses=(
            Status(id='done', label='done', symbol='[x]', progress='done'),
            Status(id='todo', label='todo', symbol='[ ]', progress='none'),
        ),
        items=('task-items',),
        unique='section',
    ),
}
