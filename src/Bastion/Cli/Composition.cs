using System.CommandLine;
using Bastion.Mcp;
using Bastion.Ssh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>Builds the service provider every verb uses. Logs go to stderr only: stdout belongs to the protocol or the result.</summary>
internal static class Composition
{
    public static ServiceProvider Build(ParseResult parse, LogLevel level) =>
        new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(level)
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace))
            .AddBastion(ServerFlags.Options(parse))
            .AddSsh(ServerFlags.Ssh(parse))
            .BuildServiceProvider();
}
