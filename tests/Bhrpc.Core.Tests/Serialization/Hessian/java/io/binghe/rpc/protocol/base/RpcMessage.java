package io.binghe.rpc.protocol.base;

import java.io.Serializable;

/** Java bhrpc's RpcMessage, as the interop tests need it. */
public class RpcMessage implements Serializable {
    private boolean oneway;
    private boolean async;
    public boolean getOneway() { return oneway; }
    public void setOneway(boolean oneway) { this.oneway = oneway; }
    public boolean getAsync() { return async; }
    public void setAsync(boolean async) { this.async = async; }
}
