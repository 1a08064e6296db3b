/** What DSRS services expose (EXAMPLE-SYSTEM.md), so vigil can report a rule on a metric nobody produces. */
export const httpApiMetrics = ['http_requests_total', 'http_request_duration_seconds'];
export const deadLetterMetrics = ['dlq_messages_published_total', 'dlq_publish_failures_total'];
