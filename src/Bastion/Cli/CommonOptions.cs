using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<LogLevel> LogLevel() => new("--log-level")
    {
        Description = "Least severe log messages written to stderr: Trace, Debug, Information, Warning, Error, Critical, None.",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Warning,
    };
}
