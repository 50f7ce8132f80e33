package io.binghe.rpc.protocol.response;

import io.binghe.rpc.protocol.base.RpcMessage;

/** Java bhrpc's RpcResponse, as the interop tests need it. */
public class RpcResponse extends RpcMessage {
    private String error;
    private Object result;
    public boolean isError() { return error != null; }
    public String getError() { return error; }
    public void setError(String v) { error = v; }
    public Object getResult() { return result; }
    public void setResult(Object v) { result = v; }
}
