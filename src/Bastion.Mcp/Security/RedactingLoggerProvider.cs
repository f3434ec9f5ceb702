using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Security;

/// <summary>
/// Wraps a logger provider so that every message is redacted before it is written: the SDK logs whole JSON-RPC
/// messages at Trace level, and a tool's error may quote what it read.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, Redactor redactor) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner, Redactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = redactor.Redact(formatter(state, null));
            var error = exception is null ? null : new RedactedException(redactor.Redact(exception.ToString()));
            inner.Log(logLevel, eventId, message, error, static (text, _) => text);
        }
    }

    /// <summary>An exception reduced to its redacted text, so that no message or stack frame carries a secret.</summary>
    private sealed class RedactedException(string text) : Exception(text)
    {
        public override string ToString() => Message;

        public override string? StackTrace => null;
    }
}
