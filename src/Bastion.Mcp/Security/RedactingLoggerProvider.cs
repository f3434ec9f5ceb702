using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Security;

/// <summary>
/// Wraps a logger provider so that every message, at every level from Trace up, is redacted before it is written: the
/// SDK logs whole JSON-RPC messages at Trace level, and a tool's error may quote what it read. Exceptions are reduced
/// to their redacted text, and scopes (which the JSON console logger writes) are redacted too.
/// </summary>
public sealed class RedactingLoggerProvider(ILoggerProvider inner, Redactor redactor) : ILoggerProvider
{
    /// <summary>
    /// <paramref name="inner"/> wrapped; a provider that takes its scopes from the logger factory
    /// (<see cref="ISupportExternalScope"/>, as the console logger does) keeps receiving them, redacted.
    /// </summary>
    public static ILoggerProvider Wrap(ILoggerProvider inner, Redactor redactor) =>
        inner is ISupportExternalScope ? new ScopedProvider(inner, redactor) : new RedactingLoggerProvider(inner, redactor);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

    public void Dispose() => inner.Dispose();

    /// <summary>A scope's state, redacted: key/value pairs keep their keys and lose secrets in their values; anything else becomes its redacted text.</summary>
    private static object Redacted(object? state, Redactor redactor) => state switch
    {
        null => string.Empty,
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value switch
        {
            null => null,
            string text => redactor.Redact(text),
            var value when Primitive(value) => value,
            var value => redactor.Redact(value.ToString() ?? string.Empty),
        })).ToList(),
        _ => redactor.Redact(state.ToString() ?? string.Empty),
    };

    private static bool Primitive(object value) => value is bool or int or long or double or float or decimal or short or byte or uint or ulong or Guid or DateTime or DateTimeOffset or TimeSpan or Enum;

    private sealed class ScopedProvider(ILoggerProvider inner, Redactor redactor) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redactor);

        public void Dispose() => inner.Dispose();

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) =>
            ((ISupportExternalScope)inner).SetScopeProvider(new RedactingScopeProvider(scopeProvider, redactor));
    }

    /// <summary>The factory's scopes, handed to the provider redacted.</summary>
    private sealed class RedactingScopeProvider(IExternalScopeProvider inner, Redactor redactor) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(Redacted(scope, redactor), s), state);

        public IDisposable Push(object? state) => inner.Push(state);
    }

    private sealed class RedactingLogger(ILogger inner, Redactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(Redacted(state, redactor));

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
