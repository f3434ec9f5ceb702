using Bastion.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>Builds the service provider every verb uses. Logs go to stderr only: stdout belongs to the protocol or the result.</summary>
internal static class Composition
{
    public static ServiceProvider Build(LogLevel level) =>
        new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(level)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddBastion()
            .BuildServiceProvider();
}
