/** The extension's icons (SVG files in style/icons, themed by jp-icon3). */
import { LabIcon } from '@jupyterlab/ui-components';

import diffSvg from '../style/icons/diff.svg';
import historySvg from '../style/icons/history.svg';
import readonlySvg from '../style/icons/readonly.svg';
import snapshotSvg from '../style/icons/snapshot.svg';
import teamRunsSvg from '../style/icons/team-runs.svg';

export const snapshotIcon = new LabIcon({
  name: 'jupyter-ext:snapshot',
  svgstr: snapshotSvg
});
export const historyIcon = new LabIcon({
  name: 'jupyter-ext:history',
  svgstr: historySvg
});
export const diffIcon = new LabIcon({
  name: 'jupyter-ext:diff',
  svgstr: diffSvg
});
export const readonlyIcon = new LabIcon({
  name: 'jupyter-ext:readonly',
  svgstr: readonlySvg
});
export const teamRunsIcon = new LabIcon({
  name: 'jupyter-ext:team-runs',
  svgstr: teamRunsSvg
});
