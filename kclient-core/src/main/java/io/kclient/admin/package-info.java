/** Start-up checks and set-up on the cluster: topics that handlers need, and how share groups read. */
package io.kclient.admin;
