using Microsoft.Extensions.Logging;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>Collects every log message (formatted, with any exception) into a list the test reads.</summary>
internal sealed class ListLoggerProvider(List<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(sink);

    public void Dispose()
    {
    }
}
