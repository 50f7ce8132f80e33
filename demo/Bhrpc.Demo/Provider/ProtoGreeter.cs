using Bhrpc.Demo.Api;
using Bhrpc.Demo.Api.Proto;

namespace Bhrpc.Demo.Provider;

/// <summary>The provider's <see cref="IProtoGreeter"/>.</summary>
public sealed class ProtoGreeter(string name) : IProtoGreeter
{
    public Task<GreetingReply> GreetAsync(GreetingRequest request) => Task.FromResult(new GreetingReply
    {
        Message = $"Hello, {request.Name}!",
        From = name,
        LanguageCount = request.Languages.Count,
    });
}
