using Microsoft.Extensions.Logging;

namespace Bastion.Testing;

/// <summary>
/// A logger provider that keeps every message (formatted, with any exception) and every scope (as <c>scope: k=v, …</c>)
/// in a list the test reads; every level is enabled, Trace included.
/// </summary>
public sealed class LinesLoggerProvider(List<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LinesLogger(sink);

    public void Dispose()
    {
    }

    private sealed class LinesLogger(List<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lock (sink)
            {
                sink.Add("scope: " + (state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString()));
            }

            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (sink)
            {
                sink.Add(formatter(state, exception) + exception);
            }
        }
    }
}
