import { m } from '$lib/paraglide/messages';

// The translated headers of the statistics tables, by their stable CSV column names (docs/statistics.md).
const labels: Record<string, () => string> = {
	figure: m.stats_col_figure,
	value: m.stats_col_value,
	module: m.stats_col_module,
	position: m.stats_col_position,
	lesson: m.stats_col_lesson,
	started: m.stats_col_started,
	completed: m.stats_col_completed,
	completion_rate_pct: m.stats_col_completion_rate,
	retained_pct: m.stats_col_retained,
	attempts: m.stats_col_attempts,
	learners: m.stats_col_learners,
	pass_rate_pct: m.stats_col_pass_rate,
	mean_score_pct: m.stats_col_mean_score,
	score_band: m.stats_col_score_band,
	sittings: m.stats_col_sittings,
	week_starting: m.stats_col_week,
	lessons_started: m.stats_col_started,
	lessons_completed: m.stats_col_completed,
	quiz_attempts: m.stats_col_attempts,
	workshops: m.stats_col_workshops,
	attendance: m.stats_col_attendance,
	question_id: m.stats_col_question_id,
	question: m.stats_col_question,
	file: m.stats_col_file,
	answers: m.stats_col_answers,
	correct_pct: m.stats_col_correct,
	top_wrong_choice: m.stats_col_top_wrong,
	top_wrong_pct: m.stats_col_top_wrong_share,
	discrimination: m.stats_col_discrimination,
	flags: m.stats_col_flags
};

export const columnLabel = (column: string) => labels[column]?.() ?? column;
