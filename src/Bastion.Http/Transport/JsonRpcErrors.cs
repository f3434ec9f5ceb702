using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Bastion.Http.Transport;

/// <summary>Answers an HTTP request with a status code and a JSON-RPC error body, as the transport's refusals are.</summary>
internal static class JsonRpcErrors
{
    /// <summary>Generic server error, as the MCP SDKs use it for transport refusals.</summary>
    public const int ServerError = -32000;

    /// <summary>Unknown or ended session (the code the SDKs use with 404).</summary>
    public const int SessionNotFound = -32001;

    /// <summary>Over budget (answered with HTTP 429 and <c>Retry-After</c>).</summary>
    public const int RateLimited = -32029;

    private static readonly JsonTypeInfo<JsonRpcError> ErrorType = (JsonTypeInfo<JsonRpcError>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError));

    public static async Task WriteAsync(HttpContext context, int status, string message, int code = ServerError, RequestId id = default, JsonNode? data = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message, Data = data } };
        await JsonSerializer.SerializeAsync(context.Response.Body, error, ErrorType, context.RequestAborted);
    }
}
