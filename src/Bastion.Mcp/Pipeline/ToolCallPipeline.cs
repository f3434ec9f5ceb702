using System.Text.Json;
using Bastion.Core;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// The one pipeline around every tool call (an SDK call-tool filter): arguments are checked against the tool's input
/// schema before the tool runs, and a <see cref="BastionException"/> from the tool becomes a tool error result
/// the model can read. Any other exception stays a fault of the machinery: logged, and reported without details.
/// </summary>
public static partial class ToolCallPipeline
{
    /// <summary>Adds the pipeline's filters to <paramref name="options"/>.</summary>
    public static void AddTo(McpServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Filters.Request.CallToolFilters.Add(next => async (request, cancellationToken) =>
        {
            var name = request.Params?.Name ?? string.Empty;
            if (request.MatchedPrimitive is McpServerTool tool && CheckArguments(tool, request.Params?.Arguments) is { } invalid)
            {
                LogRejected(logger, name, invalid);
                return Error($"Invalid arguments for '{name}': {invalid}");
            }

            try
            {
                return await next(request, cancellationToken);
            }
            catch (BastionException e)
            {
                LogToolError(logger, name, e.Message);
                return Error(e.Message);
            }
        });
    }

    /// <summary>Null when the arguments fit the tool's input schema; otherwise every problem in one sentence list.</summary>
    internal static string? CheckArguments(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        var schema = tool.ProtocolTool.InputSchema;
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var problems = new List<string>();
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(key, out var propertySchema))
            {
                var accepted = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(x => x.Name)) : "none";
                problems.Add($"unknown argument '{key}' (accepted: {accepted})");
                continue;
            }

            problems.AddRange(JsonSchemaValidator.Validate(value, propertySchema, lenientNumbers: true)
                .Select(e => key + e.TrimStart('$').TrimEnd('.')));
        }

        if (schema.TryGetProperty("required", out var required))
        {
            problems.AddRange(required.EnumerateArray()
                .Select(r => r.GetString()!)
                .Where(r => arguments is null || !arguments.ContainsKey(r))
                .Select(r => $"'{r}' is required"));
        }

        return problems.Count == 0 ? null : string.Join("; ", problems) + ".";
    }

    private static CallToolResult Error(string message) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} rejected its arguments: {Problem}")]
    private static partial void LogRejected(ILogger logger, string tool, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} failed: {Message}")]
    private static partial void LogToolError(ILogger logger, string tool, string message);
}
