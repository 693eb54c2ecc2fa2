import { LabIcon } from '@jupyterlab/ui-components';

const teamRunsSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
<path class="jp-icon3" fill="#616161" d="M3 4h18a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v3h4V6H4zm6 0v3h10V6H10zM4 11v3h4v-3H4zm6 0v3h10v-3H10zM4 16v2h4v-2H4zm6 0v2h10v-2H10z"/>
</svg>`;

export const teamRunsIcon = new LabIcon({
  name: 'jupyter-ext:team-runs',
  svgstr: teamRunsSvg
});
