namespace Bastion.Mcp.Observability;

/// <summary>How log entries are written to stderr (<c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>The console logger's text: level, category and event id on one line, the message on the next.</summary>
    Plain,

    /// <summary>
    /// One JSON object per line: <c>Timestamp</c> (UTC, ISO 8601 with milliseconds), <c>EventId</c>, <c>LogLevel</c>,
    /// <c>Category</c>, <c>Message</c>, <c>State</c> (the template's values) and <c>Scopes</c> (including
    /// <c>TraceId</c>/<c>SpanId</c> while a span is current).
    /// </summary>
    Json,
}
