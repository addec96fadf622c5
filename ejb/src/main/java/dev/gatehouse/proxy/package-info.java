/**
 * The data path itself: {@link dev.gatehouse.proxy.ProxyService#forward} carries the interceptor
 * bindings of every policy, and {@link dev.gatehouse.proxy.UpstreamClient} opens a verified TLS
 * session to the backend, injects the connection's credential and streams the answer back.
 */
package dev.gatehouse.proxy;
