using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Mcp;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion doctor</c>'s platform lines: for each hosting platform configured in the vault or the environment, a real
/// call of its status check through the same pipeline a client uses (cloudstack_status and cloudways_status call the
/// platform; Alpacon lists its servers, WebOps reads its system health with webops_status), with the fix when it fails.
/// </summary>
internal static class DoctorPlatforms
{
    /// <summary>Each platform's toolset, the read-only tool that checks it and the arguments it is called with.</summary>
    private static readonly (string Toolset, string Tool, Dictionary<string, object?> Arguments)[] Checks =
    [
        ("cloudstack", "cloudstack_status", []),
        ("cloudways", "cloudways_status", []),
        ("alpacon", "alpacon_list", new() { ["resource"] = "servers" }),
        ("webops", "webops_status", []),
    ];

    public static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(BastionPaths paths, CancellationToken cancellationToken)
    {
        await using var services = Composition.ForDoctor(paths);
        var lines = new List<DoctorCheck>();
        var configured = new List<(string Toolset, string Tool, Dictionary<string, object?> Arguments, string Setup)>();
        foreach (var availability in services.GetServices<ToolsetAvailability>())
        {
            var check = Checks.FirstOrDefault(c => c.Toolset == availability.Toolset);
            if (check.Tool is null)
            {
                continue;
            }

            try
            {
                if (availability.IsConfigured())
                {
                    configured.Add((check.Toolset, check.Tool, check.Arguments, availability.Setup));
                }
            }
            catch (BastionException e)
            {
                lines.Add(new DoctorCheck($"platform {check.Toolset}", "fail", e.Message, availability.Setup));
            }
        }

        if (configured.Count == 0)
        {
            return lines.Count > 0 ? lines : [new DoctorCheck("platforms", "ok", "none configured", "To add one: bastion import (seed servers' settings), or bastion setup.")];
        }

        await using var session = await InProcessSession.StartAsync(services, cancellationToken);
        foreach (var (toolset, tool, arguments, setup) in configured)
        {
            CallToolResult result;
            try
            {
                result = await session.Client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
            }
            catch (ModelContextProtocol.McpException e)
            {
                lines.Add(new DoctorCheck($"platform {toolset}", "fail", e.Message, setup));
                continue;
            }

            lines.Add(Line(toolset, tool, setup, result));
        }

        return lines;
    }

    private static DoctorCheck Line(string toolset, string tool, string setup, CallToolResult result)
    {
        var name = $"platform {toolset}";
        if (result.IsError == true)
        {
            return new DoctorCheck(name, "fail", $"{tool}: {InProcessCall.Text(result)}", setup);
        }

        if (result.StructuredContent is { } structured && structured.ValueKind == JsonValueKind.Object
            && structured.TryGetProperty("reachable", out var reachable) && reachable.ValueKind == JsonValueKind.False)
        {
            var error = structured.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : "not reachable";
            return new DoctorCheck(name, "fail", $"{tool}: {error}", $"Check the address and credentials ({setup}); `bastion call {tool}` repeats the check.");
        }

        return new DoctorCheck(name, "ok", $"{tool} answered", null);
    }
}
