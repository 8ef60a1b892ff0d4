/** Start-up checks and set-up on the cluster: topics that handlers need. */
package io.kclient.admin;
