namespace Bastion.Fakes.CloudStack;

/// <summary>Trouble the fake can be told to cause.</summary>
public enum FaultKind
{
    /// <summary>HTTP 503 with a short HTML page, as a management server that is starting answers.</summary>
    ServiceUnavailable,

    /// <summary>No answer until the client gives up (the request hangs).</summary>
    Hang,

    /// <summary>An API error 530 (INTERNAL_ERROR) with CloudStack's error body.</summary>
    InternalError,
}
